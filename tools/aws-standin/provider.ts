/**
 * The AWS provider stand-in: accepts every input as given and pretends to create, read, update and delete,
 * so the Pulumi engine can run any @pulumi/aws program (preview and update) without AWS and without the real
 * provider plugin. It answers as a provider that does not support previews (the SDK's server reports no
 * `supportsPreview`), so at preview the engine never calls Create and every ID and computed output stays
 * unknown, as with the real provider.
 */
import type * as provider from "@pulumi/pulumi/provider";
import { fakeAwsId } from "./awsIds";
import { changedKeys } from "./changedKeys";
import { recordCreate } from "./createLog";
import { parseUrn } from "./urn";

type Properties = Record<string, unknown>;

export interface StandInOptions {
  /** The plugin version to report, that of the installed @pulumi/aws. */
  version: string;
  /** The package schema as JSON text. */
  schema: () => Promise<string>;
}

export function awsStandIn(options: StandInOptions): provider.Provider {
  return {
    version: options.version,
    getSchema: options.schema,
    // No validation and no provider-side defaults: the checked inputs are the inputs.
    async check(_urn, _olds: Properties, news: Properties) {
      return { inputs: news };
    },
    // The SDK's DiffResult carries no key list; the engine derives the changed keys it displays itself.
    async diff(_id, _urn, olds: Properties, news: Properties) {
      return { changes: changedKeys(olds, news).length > 0 };
    },
    async create(urn, inputs: Properties) {
      const { type, name } = parseUrn(urn);
      const id = fakeAwsId(type);
      recordCreate({ type, name, urn, id, inputs });
      return { id, outs: inputs };
    },
    async read(id, _urn, props: Properties) {
      return { id, props, inputs: props };
    },
    async update(_id, _urn, _olds: Properties, news: Properties) {
      return { outs: news };
    },
    async delete() {},
    // Data sources have nothing to look up: they echo their arguments.
    async invoke(_token, inputs: Properties) {
      return { outputs: inputs };
    },
  };
}
