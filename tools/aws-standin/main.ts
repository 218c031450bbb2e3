/**
 * Entry point of pulumi-resource-aws (the launcher install.sh writes): serves the stand-in over the provider
 * protocol with @pulumi/pulumi's provider server, which prints the port the engine connects to.
 */
import { main } from "@pulumi/pulumi/provider";
import { findAwsPackage } from "./awsPackage";
import { awsStandIn } from "./provider";
import { readOrWriteSchema, schemaDirVariable } from "./schemaCache";

const aws = findAwsPackage();
let schema: Promise<string> | undefined;

function loadSchema(): string {
  const dir = process.env[schemaDirVariable];
  if (!dir) throw new Error(`${schemaDirVariable} is not set; run the stand-in through its launcher`);
  return readOrWriteSchema(dir, aws);
}

main(
  awsStandIn({
    version: aws.pluginVersion,
    schema: () => (schema ??= Promise.resolve().then(loadSchema)),
  }),
  process.argv.slice(2),
).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
