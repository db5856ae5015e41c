/**
 * The environment a program deploys to, when the program declares it (CDK's stack `env`). Unknown
 * parts stay CloudFormation pseudo parameters, as in an environment-agnostic CDK stack; a known
 * account or region becomes a literal wherever CDK writes the stack's account or region, and the
 * decisions CDK takes from them (same account or not, opt-in region or not) follow.
 */
import { ValidationError } from "./errors";
import { settings } from "./settings";
import { Aws, describe, type Value } from "./value";

/** Where a program deploys: any part may be left out (unknown, as in CDK's env-agnostic stacks). */
export interface ProgramEnvironment {
  /**
   * The 12-digit account id.
   * @default unknown (`AWS::AccountId`)
   */
  readonly account?: string;
  /**
   * The region, e.g. `eu-west-1`.
   * @default unknown (`AWS::Region`)
   */
  readonly region?: string;
  /**
   * The partition (`aws`, `aws-cn`, `aws-us-gov`, ...). CDK keeps `AWS::Partition` in templates
   * whatever its env, and so does the export; Pulumi uses it instead of asking the provider.
   * @default the region's partition when the region is known, else unknown
   */
  readonly partition?: string;
}

const ACCOUNT = /^\d{12}$/;
/**
 * An AWS region name: a two-letter area (`eu-west-1`, `us-gov-west-1`, `us-isob-east-1`) or the
 * European Sovereign Cloud's `eusc-` (`eusc-de-east-1`), then words and a number.
 */
export const REGION_NAME = /^(?:[a-z]{2}|eusc)(-[a-z]+)+-\d+$/;
const PARTITIONS = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"];

/** Checks an environment given to `configure`; returns it with the partition filled in from the region. */
export function checkEnvironment(env: unknown, origin = "configure({ env })"): ProgramEnvironment {
  if (typeof env !== "object" || env === null || Array.isArray(env)) {
    throw new ValidationError("InvalidEnvironment", `${origin} must be an object, got ${describe(env)}`);
  }
  const { account, region, partition } = env as Record<string, unknown>;
  if (account !== undefined && (typeof account !== "string" || !ACCOUNT.test(account))) {
    throw new ValidationError(
      "InvalidEnvironment",
      `${origin}: account must be a 12-digit AWS account id, got ${describe(account)}`,
    );
  }
  if (region !== undefined && (typeof region !== "string" || !REGION_NAME.test(region))) {
    throw new ValidationError(
      "InvalidEnvironment",
      `${origin}: region must be an AWS region name such as eu-west-1, got ${describe(region)}`,
    );
  }
  if (partition !== undefined && (typeof partition !== "string" || !PARTITIONS.includes(partition))) {
    throw new ValidationError(
      "InvalidEnvironment",
      `${origin}: partition must be one of ${PARTITIONS.join(", ")}, got ${describe(partition)}`,
    );
  }
  const derived = region === undefined ? undefined : partitionOfRegion(region);
  if (partition !== undefined && derived !== undefined && partition !== derived) {
    throw new ValidationError(
      "InvalidEnvironment",
      `${origin}: region ${region as string} is in partition ${derived}, not ${partition}`,
    );
  }
  return {
    ...(account !== undefined ? { account } : {}),
    ...(region !== undefined ? { region: region as string } : {}),
    ...((partition ?? derived) !== undefined ? { partition: (partition ?? derived) as string } : {}),
  };
}

/** The partition a region belongs to. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  if (region.startsWith("us-isof-")) return "aws-iso-f";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("eu-isoe-")) return "aws-iso-e";
  if (region.startsWith("eusc-")) return "aws-eusc";
  return "aws";
}

let beforeRead: (() => void) | undefined;

/**
 * @internal Lets the Pulumi layer read the environment from config before it is first used (a
 * principal built as a component's argument is built before the component).
 */
export function setEnvironmentSource(read: () => void): void {
  beforeRead = read;
}

/** The environment declared so far (empty when the program is environment-agnostic). */
export function programEnvironment(): ProgramEnvironment {
  beforeRead?.();
  return settings().env;
}

/** The program's account: the declared literal, else `AWS::AccountId` (CDK's `stack.account`). */
export function programAccount(): Value {
  return programEnvironment().account ?? Aws.ACCOUNT_ID;
}

/** The program's region: the declared literal, else `AWS::Region` (CDK's `stack.region`). */
export function programRegion(): Value {
  return programEnvironment().region ?? Aws.REGION;
}
