// pulumi-iamx/testing: run programs under Pulumi mocks and assert on what they register.
export * from "./synthesize";
