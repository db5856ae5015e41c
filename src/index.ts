// pulumi-iamx public API: re-exports only.
export * from "./core";
export { finalize, isFinalized } from "./render/pulumi/lifecycle";
export { IamxComponent } from "./components/base";
export * from "./components/role";
