/**
 * How the facade declares a component for other languages, and how the provider runs it.
 *
 * A facade file declares `type XComponent = Component<XArgs, XOutputs, XMethods>` with plain-data
 * interfaces (the schema generator reads them), and implements a {@link ComponentFacade} typed by
 * the same interfaces (the compiler checks the implementation against them): the schema and the
 * provider cannot drift apart.
 *
 * Conventions the generator relies on: a field typed `pulumi.Input<T>` may be an eventual value
 * (an Output); any other field must be known at construction (`plain` in the schema) and arrives
 * as a plain value. Object types are interfaces; unions are not allowed (use one optional field
 * per case and check "exactly one" at run time).
 */
import type * as pulumi from "@pulumi/pulumi";

/** An integer (TypeScript has only `number`; the schema says `integer`). */
export type Integer = number;

/** Declares a component: its args, its outputs and (optionally) its methods. */
export interface Component<Args, Outputs, Methods = Record<never, never>> {
  readonly args: Args;
  readonly outputs: Outputs;
  readonly methods: Methods;
}

/** The outputs a construct returns: each declared output as a value or an Output. */
export type OutputValues<O> = { [K in keyof Required<O>]: pulumi.Input<NonNullable<O[K]>> | undefined };

/** What a method returns: its result fields as values or Outputs, or nothing. */
export type MethodResult<R> = R extends void ? void : OutputValues<R>;

/** The provider-side implementation of a component declared with {@link Component}. */
export interface ComponentFacade<C extends Component<any, any, any>, Self extends pulumi.ComponentResource> {
  /** The component class the facade builds (for resource references in other calls). */
  readonly componentClass: abstract new (...args: any[]) => Self;
  /** Builds the real TypeScript component from validated, plain-data args. Synchronous. */
  construct(
    name: string,
    args: C["args"],
    opts: pulumi.ComponentResourceOptions,
  ): { component: Self; outputs: OutputValues<C["outputs"]> };
  /** Method implementations; each runs in its own transaction after the component was built. */
  readonly methods: {
    [K in keyof C["methods"]]: (
      self: Self,
      args: Parameters<C["methods"][K]>[0],
    ) => MethodResult<ReturnType<C["methods"][K]>>;
  };
}
