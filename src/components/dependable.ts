/**
 * What a grant or a statement waits for. CDK's dependables name the constructs that hold a
 * statement (a DefaultPolicy, an OverflowPolicy); here they name Pulumi resources (usually iamx
 * components: Pulumi waits for all their children, see `IamxComponent.initialize`) and, through
 * those components, the CloudFormation resources of the export.
 */
import * as pulumi from "@pulumi/pulumi";
import type { IDependable } from "../core/principals/types";
import { programModel, type CfnResource } from "../render/cloudformation/model";
import { IamxComponent } from "./base";

/** A dependable whose roots are filled in later (CDK's `DependencyGroup`). */
export class DependencyGroup implements IDependable {
  private readonly roots: unknown[] = [];

  constructor(...roots: unknown[]) {
    this.add(...roots);
  }

  /** Adds things this group stands for (resources, components or other dependables). */
  public add(...roots: unknown[]): void {
    for (const r of roots) if (!this.roots.includes(r)) this.roots.push(r);
  }

  public get dependencyRoots(): readonly unknown[] {
    return this.roots;
  }
}

/** Every Pulumi resource a dependable stands for (components stay components). */
export function pulumiResourcesOf(dependable: unknown, into = new Set<pulumi.Resource>()): Set<pulumi.Resource> {
  walk(dependable, new Set(), (r) => {
    if (pulumi.Resource.isInstance(r)) into.add(r);
  });
  return into;
}

/**
 * Every CloudFormation resource a dependable stands for: those of the iamx components it names
 * (the resources at or below the component's construct path), when emitted.
 */
export function cfnResourcesOf(dependable: unknown, into = new Set<CfnResource>()): Set<CfnResource> {
  const components: IamxComponent[] = [];
  walk(dependable, new Set(), (r) => {
    if (r instanceof IamxComponent) components.push(r);
  });
  if (components.length === 0) return into;
  for (const res of programModel().resources) {
    if (!res.included) continue;
    if (components.some((c) => isUnder(res.path, c.constructPath))) into.add(res);
  }
  return into;
}

function isUnder(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

function walk(x: unknown, seen: Set<unknown>, visit: (leaf: unknown) => void): void {
  if (x === null || x === undefined || seen.has(x)) return;
  seen.add(x);
  if (Array.isArray(x)) {
    for (const e of x) walk(e, seen, visit);
    return;
  }
  if (pulumi.Resource.isInstance(x) && !isGrantLike(x)) {
    visit(x);
    return;
  }
  const roots = (x as IDependable).dependencyRoots;
  if (roots) for (const r of roots) walk(r, seen, visit);
}

// A Grant poses as a component for `dependsOn` but is walked through its dependency roots.
function isGrantLike(x: unknown): boolean {
  return (x as { [GRANT_MARK]?: boolean })[GRANT_MARK] === true;
}

/** Marks grants (see grant.ts). */
export const GRANT_MARK = Symbol.for("pulumi-iamx.Grant");
