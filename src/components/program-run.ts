import { Program, useProgram } from "../runtime/program";

/**
 * One deployment served by a component provider (the `iamx` provider that builds these
 * components for Python, Go and .NET programs): a single program run that lives across the
 * provider's requests. Its settings (`configure()`, the `iamx:` config), scope rules
 * (`Tags.of`, `PermissionsBoundary.of`, `Role.customizeRoles`), name registries and CloudFormation
 * model are kept from one request to the next, and each request finalizes exactly what it built
 * or changed: an earlier request's documents stay as they were rendered, a later request still
 * adds components and resources of its own.
 *
 * Pulumi answers a provider request only once every resource that request registered has its
 * final inputs, so a component's policies are final when the request that built it answers
 * (`policiesFinalized` on the component); a method called by a later request adds resources of
 * its own instead of changing them. For the same reason a scope rule (`Tags.of`,
 * `PermissionsBoundary.of`) reaches the components built in its own and later requests only: one
 * made when its scope holds a component an earlier request finalized fails with
 * `ModifiedAfterFinalize`, naming it. Make rules first.
 *
 * @example
 * ```ts
 * const deployment = new iamx.ProviderDeployment();
 * const role = deployment.request(() => new iamx.Role("app", { assumedBy }));
 * deployment.request(() => new iamx.Policy("extra", { roles: [role], statements }));
 * ```
 */
export class ProviderDeployment {
  private readonly program = new Program("live", { perRequest: true });

  /**
   * Runs one request's work (synchronous: requests cannot interleave inside it) in this
   * deployment's program, then finalizes what it built or changed, so every document it made has
   * its final JSON when this returns. When `work` or the finalize throws, what the request left
   * unfinished is dropped and the error is thrown; later requests still run.
   */
  public request<T>(work: () => T): T {
    useProgram(this.program);
    let result: T;
    try {
      result = work();
    } catch (e) {
      this.program.lifecycle.dropScope();
      throw e;
    }
    this.program.lifecycle.finalize();
    return result;
  }
}
