/**
 * Whether the program now running has a Pulumi engine behind it. Inside a run of ours (export,
 * lint, report, preview, the testing kit) the Program's mode says so: model-only and mocks runs are
 * offline. Outside one (a live Program: `pulumi up`, or a test calling `pulumi.runtime.setMocks`
 * itself) only Pulumi knows: its mock monitor is the only one holding `mocks`.
 */
import * as pulumi from "@pulumi/pulumi";
import { currentProgram } from "./program";

/** Whether the current program runs without an engine (see the file header). */
export function runsOffline(): boolean {
  return currentProgram().mode !== "live" || underOwnMocks();
}

function underOwnMocks(): boolean {
  const monitor = pulumi.runtime.hasMonitor() ? (pulumi.runtime.getMonitor() as unknown) : undefined;
  const mocks = (monitor as { mocks?: { newResource?: unknown } } | undefined)?.mocks;
  return typeof mocks?.newResource === "function";
}
