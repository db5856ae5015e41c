/**
 * Service prefixes AWS has retired (or never published in its service reference) that still
 * appear in AWS managed policies. Their actions are not in the catalogue; validation reports
 * them as a WARNING naming the service rather than as an unknown-service ERROR, and the action
 * check lets them through with the same warning.
 */
export const RETIRED_SERVICES: Readonly<Record<string, string>> = {
  deepcomposer: "AWS DeepComposer (retired)",
  deeplens: "AWS DeepLens (retired)",
  deepracer: "AWS DeepRacer (console retired)",
  "elastic-inference": "Amazon Elastic Inference (retired)",
  iot1click: "AWS IoT 1-Click (retired)",
  iotroborunner: "AWS IoT RoboRunner (retired)",
  mobilehub: "AWS Mobile Hub (retired)",
  "sagemaker-groundtruth-synthetic": "Amazon SageMaker Ground Truth Synthetic (retired)",
  zocalo: "Amazon WorkDocs, formerly Zocalo (retired)",
  datazonecontrol: "Amazon DataZone preview control plane (retired)",
  builderid: "AWS Builder ID (not in the AWS service reference)",
};

/** The retired service's description, if `service` (any case) is one. */
export function retiredService(service: string): string | undefined {
  const key = service.toLowerCase();
  return Object.prototype.hasOwnProperty.call(RETIRED_SERVICES, key) ? RETIRED_SERVICES[key] : undefined;
}
