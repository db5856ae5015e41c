/**
 * The Program: everything one run of a user's program owns. Its settings, its finalize
 * {@link Lifecycle}, how it runs ({@link RunMode}), and each module's per-run state (the
 * CloudFormation model, warnings, lint suppressions, scope rules, cached provider lookups, config
 * flags) in a {@link ProgramSlot}, made on first use. A new run starts a new Program, so nothing
 * of one run leaks into the next.
 *
 * The one piece of module state is which Program is current: components find their run through
 * it. A program run by `pulumi up` (no `run()`) gets a live Program on first use.
 */
import { defaultSettings, useSettings, type IamxSettings } from "../core/settings";
import { Lifecycle, type LifecycleOptions } from "./lifecycle";

/**
 * How a program runs: `model` builds the model only (iamx resources are not registered with
 * Pulumi), `mocks` registers everything with Pulumi mocks, `live` is a real Pulumi deployment
 * (or the component provider).
 */
export type RunMode = "model" | "mocks" | "live";

let slotCount = 0;

/** A piece of per-run state a module keeps in the Program, made by `init` on first use. */
export class ProgramSlot<T> {
  /** @internal */
  public readonly index = slotCount++;
  constructor(
    /** What the state is, for readers. */
    public readonly name: string,
    /** Makes the state of a new run. */
    public readonly init: () => T,
  ) {}
}

/** One run of a program (see the file header). */
export class Program {
  /** The finalize phases of this run. */
  public readonly lifecycle: Lifecycle;
  /** The library settings of this run (`configure()` changes them). */
  public readonly settings: IamxSettings = defaultSettings();
  /**
   * Whether policy validation's ERROR findings fail the run (lint runs a program with this off:
   * it reports them as findings).
   */
  public validationFailsRun = true;
  private readonly slots: unknown[] = [];

  constructor(
    public readonly mode: RunMode,
    options: LifecycleOptions = {},
  ) {
    this.lifecycle = new Lifecycle(options);
  }

  /** This run's state for `slot`. */
  public get<T>(slot: ProgramSlot<T>): T {
    const i = slot.index;
    if (i in this.slots) return this.slots[i] as T;
    const value = slot.init();
    this.slots[i] = value;
    return value;
  }
}

let current: Program | undefined;

/** The Program now running (a live one is started on first use). */
export function currentProgram(): Program {
  return current ?? startProgram("live");
}

/** Starts a new Program and makes it current. */
export function startProgram(mode: RunMode, options: LifecycleOptions = {}): Program {
  return useProgram(new Program(mode, options));
}

/** Makes `program` current again (a deployment's Program between the requests it serves). */
export function useProgram(program: Program): Program {
  current = program;
  useSettings(program.settings);
  return program;
}
