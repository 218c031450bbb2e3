/** `generateSchema <dir>`: writes the derived schema of the installed @pulumi/aws into dir (see schemaCache.ts). */
import { findAwsPackage } from "./awsPackage";
import { writeSchema, schemaPath } from "./schemaCache";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: generateSchema <dir>");
  process.exit(2);
}
const aws = findAwsPackage();
const started = Date.now();
writeSchema(dir, aws);
console.log(`${schemaPath(dir, aws)} (@pulumi/aws ${aws.pluginVersion}, ${Date.now() - started} ms)`);
