import type { Conditions } from "../conditions";
import { ValidationError } from "../errors";
import { showJson } from "../value";
import { PrincipalBase } from "./base";
import { PrincipalPolicyFragment } from "./fragment";
import { programEnvironment } from "../environment";

/** Options of a service principal. */
export interface ServicePrincipalOpts {
  /**
   * Region of the service, for opt-in regions that use regional service principals.
   * @default global name
   */
  readonly region?: string;
  /**
   * Conditions attached to the principal.
   * @default none
   */
  readonly conditions?: Conditions;
}

const OPT_IN_REGIONS = new Set([
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-west-1",
  "eu-central-2",
  "eu-south-1",
  "eu-south-2",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "me-west-1",
  "mx-central-1",
]);

const SHORT_SERVICE_NAME = /^([^.]+)(\.amazonaws\.com(\.cn)?|\.c2s\.ic\.gov|\.sc2s\.sgov\.gov)?$/;

/** An AWS service (`lambda.amazonaws.com`), given by full or short name. */
export class ServicePrincipal extends PrincipalBase {
  /** The normalized name CDK uses in every partition (`lambda` → `lambda.amazonaws.com`). */
  public static servicePrincipalName(service: string): string {
    const m = SHORT_SERVICE_NAME.exec(service);
    return m ? `${m[1]}.amazonaws.com` : service;
  }

  /** A service principal used verbatim, without normalization. */
  public static fromStaticServicePrincipleName(servicePrincipalName: string): ServicePrincipal {
    return new ServicePrincipal(servicePrincipalName, undefined, true);
  }

  private readonly rendered: string;

  constructor(
    public readonly service: string,
    private readonly opts: ServicePrincipalOpts = {},
    verbatim = false,
  ) {
    super();
    if (typeof service !== "string" || service.length === 0) {
      throw new ValidationError(
        "InvalidServicePrincipal",
        `A service principal needs a service name, got ${showJson(service)}`,
      );
    }
    this.opts = opts ?? {};
    this.rendered = verbatim ? service : regionalName(ServicePrincipal.servicePrincipalName(service), this.opts.region);
  }

  public get policyFragment(): PrincipalPolicyFragment {
    return new PrincipalPolicyFragment({ Service: [this.rendered] }, this.opts.conditions ?? {});
  }

  public dedupeString(): string {
    return `ServicePrincipal:${this.service}:${JSON.stringify(this.opts)}`;
  }

  public toString(): string {
    return `ServicePrincipal(${this.service})`;
  }
}

// CDK: a regional name only for an opt-in region other than the program's (an unknown program
// region always differs).
function regionalName(name: string, region: string | undefined): string {
  if (
    region &&
    region !== programEnvironment().region &&
    OPT_IN_REGIONS.has(region) &&
    name.endsWith(".amazonaws.com")
  ) {
    return name.slice(0, -".amazonaws.com".length) + `.${region}.amazonaws.com`;
  }
  return name;
}
