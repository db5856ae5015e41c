/**
 * IAM's rules for tags, checked where a tag is given (a component's `tags`, `Tags.of(...).add`):
 * keys of 1 to 128 characters, values of 0 to 256, letters, digits, spaces and `_.:/=+-@` only,
 * and no `aws:` prefix (reserved for AWS). CDK leaves these to CloudFormation; failing here names
 * the component and the key before anything is deployed. Values that are Pulumi outputs are
 * checked by AWS when they are known.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../core/errors";
import { describe } from "../core/value";

/** Tags as components take them: key → value (a string or a Pulumi input). */
export type TagMap = Readonly<Record<string, pulumi.Input<string>>>;

/** At most this many tags on one IAM resource. */
export const MAX_TAGS = 50;
const MAX_KEY = 128;
const MAX_VALUE = 256;
const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Checks a tag key; `where` names the component or scope for the message. */
export function checkTagKey(key: unknown, where: string): string {
  if (typeof key !== "string") {
    throw new ValidationError("InvalidTagKey", `A tag key must be a string, got ${describe(key)}`, where);
  }
  if (key.length < 1 || key.length > MAX_KEY) {
    throw new ValidationError(
      "InvalidTagKey",
      `Tag key ${JSON.stringify(key.slice(0, 200))} must be 1 to ${MAX_KEY} characters long (it has ${key.length})`,
      where,
    );
  }
  if (/^aws:/i.test(key)) {
    throw new ValidationError(
      "ReservedTagKey",
      `Tag key ${JSON.stringify(key)} uses the prefix "aws:", which AWS reserves for its own tags; choose another key`,
      where,
    );
  }
  if (!ALLOWED.test(key)) {
    throw new ValidationError(
      "InvalidTagKey",
      `Tag key ${JSON.stringify(key)} may hold only letters, digits, spaces and _.:/=+-@`,
      where,
    );
  }
  return key;
}

/** Checks a tag value (literal strings fully; Pulumi inputs by shape only). */
export function checkTagValue(key: string, value: unknown, where: string): pulumi.Input<string> {
  if (typeof value === "string") {
    if (value.length > MAX_VALUE) {
      throw new ValidationError(
        "InvalidTagValue",
        `The value of tag ${JSON.stringify(key)} must be at most ${MAX_VALUE} characters long (it has ${value.length})`,
        where,
      );
    }
    if (!ALLOWED.test(value)) {
      throw new ValidationError(
        "InvalidTagValue",
        `The value of tag ${JSON.stringify(key)} may hold only letters, digits, spaces and _.:/=+-@`,
        where,
      );
    }
    return value;
  }
  if (typeof value === "object" && value !== null) return value as pulumi.Input<string>;
  throw new ValidationError(
    "InvalidTagValue",
    `The value of tag ${JSON.stringify(key)} must be a string or a Pulumi input, got ${describe(value)}`,
    where,
  );
}

/** Checks a component's `tags` argument; returns a copy (undefined when not given). */
export function checkTags(tags: unknown, where: string): TagMap | undefined {
  if (tags === undefined) return undefined;
  if (typeof tags !== "object" || tags === null || Array.isArray(tags)) {
    throw new ValidationError("InvalidTags", `\`tags\` must be an object of key → value, got ${describe(tags)}`, where);
  }
  const out: Record<string, pulumi.Input<string>> = {};
  const entries = Object.entries(tags as Record<string, unknown>);
  if (entries.length > MAX_TAGS) {
    throw new ValidationError(
      "TooManyTags",
      `\`tags\` has ${entries.length} tags; an IAM resource takes at most ${MAX_TAGS}`,
      where,
    );
  }
  for (const [key, value] of entries) out[checkTagKey(key, where)] = checkTagValue(key, value, where);
  return out;
}
