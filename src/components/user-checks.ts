/** Input checks of {@link User} (the component file keeps to the component). */
import { ValidationError } from "../core/errors";
import { describe } from "../core/value";
import { checkIdentityName, checkIdentityPath, checkManagedPolicy, isGroup } from "./identity-checks";
import type { UserArgs } from "./user";

const MIN_PASSWORD = 6;
const MAX_PASSWORD = 128;

/** Checks a User's args; throws a ValidationError naming the component. */
export function checkUserArgs(name: string, args: UserArgs): void {
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    throw new ValidationError("InvalidUserArgs", `User args must be an object, got ${describe(args)}`, name);
  }
  checkIdentityName("User", "userName", args.userName, 64, name);
  checkIdentityPath("User", args.path, name);
  if (args.password !== undefined) {
    throw new ValidationError(
      "UserPasswordNotSupported",
      "User `password` cannot be deployed with Pulumi: @pulumi/aws can only have AWS generate a console password. " +
        "Use `passwordLength` to get a generated password (the secret output `password`), or set the password outside Pulumi.",
      name,
    );
  }
  const { passwordLength, passwordResetRequired } = args;
  if (
    passwordLength !== undefined &&
    (typeof passwordLength !== "number" ||
      !Number.isInteger(passwordLength) ||
      passwordLength < MIN_PASSWORD ||
      passwordLength > MAX_PASSWORD)
  ) {
    throw new ValidationError(
      "InvalidPasswordLength",
      `User \`passwordLength\` must be a whole number from ${MIN_PASSWORD} to ${MAX_PASSWORD}, got ${describe(passwordLength)}`,
      name,
    );
  }
  if (passwordResetRequired !== undefined && typeof passwordResetRequired !== "boolean") {
    throw new ValidationError(
      "InvalidUserArgs",
      `User \`passwordResetRequired\` must be a boolean, got ${describe(passwordResetRequired)}`,
      name,
    );
  }
  if (passwordResetRequired && passwordLength === undefined) {
    throw new ValidationError(
      "CannotSetPasswordResetRequired",
      'Cannot set "passwordResetRequired" without specifying "initialPassword"',
      name,
    );
  }
  for (const [prop, list] of [
    ["groups", args.groups],
    ["managedPolicies", args.managedPolicies],
  ] as const) {
    if (list !== undefined && !Array.isArray(list)) {
      throw new ValidationError("InvalidUserArgs", `User \`${prop}\` must be an array, got ${describe(list)}`, name);
    }
  }
  for (const g of args.groups ?? []) {
    if (!isGroup(g))
      throw new ValidationError("InvalidGroup", `User \`groups\` must hold IAM groups, got ${describe(g)}`, name);
  }
  for (const p of args.managedPolicies ?? []) checkManagedPolicy(p, "managedPolicies", name);
  if (args.permissionsBoundary !== undefined) checkManagedPolicy(args.permissionsBoundary, "permissionsBoundary", name);
}
