/**
 * Resource texts a service takes in its own resource policy and turns into ARNs when it saves the
 * policy. API Gateway reads `execute-api:/stage/METHOD/path` in a REST API's policy as that API's
 * ARN (`arn:aws:execute-api:region:account:api-id/stage/METHOD/path`, with the Region, account and
 * id of the API holding the policy); anywhere else the text is no ARN.
 */

/** The CloudFormation type whose resource policy takes API Gateway's short form. */
export const REST_API_TYPE = "AWS::ApiGateway::RestApi";

const SHORT_PREFIX = "execute-api:/";
// The fields API Gateway fills in: the partition, Region and account as references (the ARN checks
// skip them, as they skip any value not known before deployment), the API id as one literal id (a
// reference could stand for text with slashes, and the id has none), so the stage/METHOD/path
// after it is read against the ARN format exactly as in a full ARN.
const EXPANDED_PREFIX = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:restapiid/";

/**
 * The ARN a resource text stands for in a resource policy of `resourceType`: the short form
 * expanded in a REST API's policy; undefined when the text is not a short form there.
 */
export function expandShorthand(text: string, resourceType: string | undefined): string | undefined {
  if (resourceType !== REST_API_TYPE || !text.startsWith(SHORT_PREFIX)) return undefined;
  return EXPANDED_PREFIX + text.slice(SHORT_PREFIX.length);
}
