import { ValidationError } from "./errors";

const DURATION = Symbol.for("pulumi-iamx.Duration");

/**
 * A length of time, for props such as a role's `maxSessionDuration` (CDK's `Duration`, reduced to
 * what IAM needs). Props that take a Duration also take a plain number of seconds.
 */
export class Duration {
  /** A duration of `amount` seconds. */
  public static seconds(amount: number): Duration {
    return new Duration(amount, 1, "seconds");
  }

  /** A duration of `amount` minutes. */
  public static minutes(amount: number): Duration {
    return new Duration(amount, 60, "minutes");
  }

  /** A duration of `amount` hours. */
  public static hours(amount: number): Duration {
    return new Duration(amount, 3600, "hours");
  }

  /** A duration of `amount` days. */
  public static days(amount: number): Duration {
    return new Duration(amount, 86400, "days");
  }

  /** Whether `x` is a Duration (also across copies of this library). */
  public static isDuration(x: unknown): x is Duration {
    return typeof x === "object" && x !== null && (x as { [DURATION]?: boolean })[DURATION] === true;
  }

  private readonly [DURATION] = true;

  private constructor(
    private readonly amount: number,
    private readonly secondsPerUnit: number,
    private readonly unit: string,
  ) {
    if (typeof amount !== "number" || !Number.isFinite(amount) || amount < 0) {
      throw new ValidationError(
        "InvalidDuration",
        `Duration amounts must be finite numbers >= 0, got ${JSON.stringify(amount) ?? String(amount)} ${unit}`,
      );
    }
  }

  /** The duration in whole seconds; throws when it is not a whole number of seconds. */
  public toSeconds(): number {
    const seconds = this.amount * this.secondsPerUnit;
    if (!Number.isInteger(seconds)) {
      throw new ValidationError(
        "InvalidDuration",
        `'${this.toString()}' cannot be converted into a whole number of seconds.`,
      );
    }
    return seconds;
  }

  public toString(): string {
    return `Duration.${this.unit}(${this.amount})`;
  }
}

/** Seconds from a number or a Duration; anything else is an error naming `what`. */
export function toSeconds(x: number | Duration, what: string): number {
  if (Duration.isDuration(x)) return x.toSeconds();
  if (typeof x === "number" && Number.isFinite(x) && Number.isInteger(x)) return x;
  throw new ValidationError(
    "InvalidDuration",
    `${what} must be a whole number of seconds or an iamx.Duration, got ${JSON.stringify(x) ?? String(x)}`,
  );
}
