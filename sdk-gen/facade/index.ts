/**
 * The components other languages can use, by schema name. Each entry is typed by its facade
 * declaration; a test checks that this list and the generated schema name the same components.
 */
import type { ComponentFacade } from "./component";
import { accessKeyFacade, instanceProfileFacade } from "./access";
import { openIdConnectProviderFacade, samlProviderFacade } from "./federation";
import { groupFacade } from "./group";
import { managedPolicyFacade } from "./managed-policy";
import { policyFacade } from "./policy";
import { roleFacade } from "./role";
import { userFacade } from "./user";

/** A facade of any component (for the provider's dispatch). */
export type AnyFacade = Omit<ComponentFacade<any, any>, "methods"> & {
  readonly methods: Readonly<Record<string, (self: any, args: any) => unknown>>;
};

/** Component name (the last part of its type token) → facade. */
export const FACADES: Readonly<Record<string, AnyFacade>> = {
  AccessKey: accessKeyFacade as AnyFacade,
  Group: groupFacade as AnyFacade,
  InstanceProfile: instanceProfileFacade as AnyFacade,
  OpenIdConnectProvider: openIdConnectProviderFacade as AnyFacade,
  SamlProvider: samlProviderFacade as AnyFacade,
  ManagedPolicy: managedPolicyFacade as AnyFacade,
  Policy: policyFacade as AnyFacade,
  Role: roleFacade as AnyFacade,
  User: userFacade as AnyFacade,
};
