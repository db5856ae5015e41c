/**
 * Warnings components raise (CDK's warning annotations): logged to the Pulumi log with CDK's text
 * and ` [ack: <id>]`, and recorded for the program run, so tests and the exporter can read them.
 */
import * as pulumi from "@pulumi/pulumi";
import { programModel, type ProgramModel } from "../render/cloudformation/model";
import type { IamxComponent } from "./base";

/** One warning a component raised. */
export interface IamxWarning {
  /** CDK's warning id, e.g. `@aws-cdk/aws-iam:groupMaxPoliciesExceeded`. */
  readonly id: string;
  /** The component's path (`app/users`). */
  readonly scope: string;
  /** The warning text, without the `[ack: ...]` suffix. */
  readonly message: string;
}

// Keyed by the program's model, so each program run (tests run many) has its own list.
const byProgram = new WeakMap<ProgramModel, IamxWarning[]>();

/** Logs a warning on a component and records it for the current program run. */
export function recordWarning(scope: IamxComponent, id: string, message: string): void {
  const model = programModel();
  const list = byProgram.get(model) ?? [];
  list.push({ id, scope: scope.displayPath, message });
  byProgram.set(model, list);
  void pulumi.log.warn(`${message} [ack: ${id}]`, scope);
}

/** The warnings raised so far in the current program run (or in the given model's run). */
export function warnings(model: ProgramModel = programModel()): readonly IamxWarning[] {
  return byProgram.get(model) ?? [];
}
