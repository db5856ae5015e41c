// Fixtures shared by the grants tests (tests/grants) and their CDK parity tests (tests/cdk-parity/grants-*).
import type * as dynamodb from "@pulumi/aws/dynamodb";

/** A role in another account (222222222222) than the program's (123456789012). */
export const OTHER = "arn:aws:iam::222222222222:role/Other";

/** A DynamoDB table with a string hash key `id` and a stream, as CDK's `Table` with `partitionKey` and `stream`. */
export const tableArgs: dynamodb.TableArgs = {
  attributes: [{ name: "id", type: "S" }],
  hashKey: "id",
  billingMode: "PAY_PER_REQUEST",
  streamEnabled: true,
  streamViewType: "NEW_IMAGE",
};
