/** What a program run takes and gives: shared by the runtime, the testing kit and every command. */
import type { ProgramModel } from "../render/cloudformation/model";
import type { MockCloudOptions } from "./mock-cloud";

/** One resource the program registered. */
export interface SynthesizedResource {
  /** Pulumi type token, e.g. `aws:iam/role:Role` or `iamx:index:Role`. */
  readonly type: string;
  readonly name: string;
  /** Name of the parent resource (undefined for the stack's direct children). */
  readonly parent?: string;
  /** Type of the parent resource. */
  readonly parentType?: string;
  /** Whether it is a real cloud resource (false for components). */
  readonly custom: boolean;
  /** Inputs as the engine would receive them (Outputs resolved; secrets unwrapped as the engine sees them). */
  readonly inputs: Record<string, any>;
  /** Outputs the mocked cloud returned. */
  readonly outputs: Record<string, any>;
  /**
   * Pulumi's `retainOnDelete` as the engine applies it to a custom resource (after the
   * resource's transforms, which is where an iamx removal policy sets it).
   */
  readonly retainOnDelete?: boolean;
}

export interface SynthesizeOptions extends MockCloudOptions {
  /**
   * Pulumi config for the run, e.g. `{ "iamx:minimizePolicies": "false" }`.
   * @default none
   */
  readonly config?: Record<string, string>;
  /**
   * Project name.
   * @default "project"
   */
  readonly project?: string;
  /**
   * Stack name.
   * @default "stack"
   */
  readonly stack?: string;
  /**
   * Config keys whose values are secrets (`config.requireSecret` gives secret outputs).
   * @default none
   */
  readonly secretKeys?: readonly string[];
}

export interface RawSynthesis {
  readonly resources: SynthesizedResource[];
  /** Stack outputs the program returned, resolved. */
  readonly outputs: Record<string, unknown>;
  /** The CloudFormation model of the run, for the exporter. */
  readonly model: ProgramModel;
  /** Stack outputs as the program returned them (Outputs unresolved), for the export's Outputs. */
  readonly programOutputs: Record<string, unknown>;
}
