/**
 * Derives the AWS package schema from @pulumi/aws's own TypeScript declarations, so the stand-in knows every
 * resource and function the installed SDK knows without a hand-written list. Each resource class's
 * constructor `args` type gives its input properties, its `pulumi.Output<…>` members its output properties;
 * each `getX(args): Promise<GetXResult>` gives a function. Tokens follow the rule Pulumi's code generator used
 * to name those files and classes: `aws:<module>/<lowerFirst(Name)>:<Name>`, module `index` for the root.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import type {
  FunctionSpec,
  ObjectSpec,
  ObjectTypeSpec,
  PackageSpec,
  ResourceSpec,
  TypeSpec,
} from "./schemaSpec";

const packageName = "aws";
const anyType: TypeSpec = { $ref: "pulumi.json#/Any" };
/** The SDK's wrappers of a value (`pulumi.Input<T>` = T | Promise<T> | OutputInstance<T>), besides Promise. */
const sdkWrappers = new Set(["OutputInstance", "Output"]);

type Direction = "input" | "output";

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function declarationFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // types/ holds the shapes resources refer to; they are reached through the resources.
      if (entry.name !== "node_modules" && entry.name !== "types") files.push(...declarationFiles(full));
    } else if (entry.name.endsWith(".d.ts") && entry.name !== "index.d.ts") {
      files.push(full);
    }
  }
  return files;
}

function isExported(node: ts.Node): boolean {
  return (
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  );
}

function baseClassText(node: ts.ClassDeclaration): string | undefined {
  const extendsClause = node.heritageClauses?.find((c) => c.token === ts.SyntaxKind.ExtendsKeyword);
  return extendsClause?.types[0]?.expression.getText();
}

/** `pulumi.Output<T>` / `Promise<T>` as written in a declaration: T's node. */
function typeArgumentOf(node: ts.TypeNode | undefined, wrapper: string): ts.TypeNode | undefined {
  if (!node || !ts.isTypeReferenceNode(node)) return undefined;
  const name = node.typeName.getText();
  return name === wrapper || name.endsWith(`.${wrapper}`) ? node.typeArguments?.[0] : undefined;
}

class SchemaBuilder {
  private readonly checker: ts.TypeChecker;
  /** Named object types, each seen as an input shape, an output shape or both. */
  private readonly shapes = new Map<string, Partial<Record<Direction, ObjectSpec>>>();

  constructor(
    private readonly program: ts.Program,
    private readonly packageDir: string,
  ) {
    this.checker = program.getTypeChecker();
  }

  build(version: string): PackageSpec {
    const spec: PackageSpec = {
      name: packageName,
      version,
      // Modules are the token's middle part up to the last slash, as in the real AWS schema.
      meta: { moduleFormat: "(.*)(?:/[^/]*)" },
      provider: { inputProperties: {}, requiredInputs: [], properties: {}, required: [] },
      resources: {},
      functions: {},
      types: {},
    };
    for (const file of this.program.getRootFileNames()) {
      const source = this.program.getSourceFile(file);
      if (!source) continue;
      const relativeDir = path.relative(this.packageDir, path.dirname(file)).split(path.sep).join("/");
      const module = relativeDir === "" ? "index" : relativeDir;
      for (const statement of source.statements) {
        if (ts.isClassDeclaration(statement) && statement.name && isExported(statement)) {
          const base = baseClassText(statement);
          const name = statement.name.text;
          if (base === "pulumi.ProviderResource") spec.provider = this.resource(statement);
          else if (base === "pulumi.CustomResource")
            spec.resources[`${packageName}:${module}/${lowerFirst(name)}:${name}`] = this.resource(statement);
        } else if (ts.isFunctionDeclaration(statement) && statement.name && isExported(statement)) {
          const fn = this.function(statement);
          const name = statement.name.text;
          if (fn) spec.functions[`${packageName}:${module}/${name}:${name}`] = fn;
        }
      }
    }
    spec.types = this.namedTypes();
    return spec;
  }

  private resource(declaration: ts.ClassDeclaration): ResourceSpec {
    const constructor = declaration.members.find(ts.isConstructorDeclaration);
    const argsNode = constructor?.parameters.find((p) => p.name.getText() === "args")?.type;
    const inputs = argsNode
      ? this.objectSpec(this.checker.getTypeFromTypeNode(argsNode), "input")
      : { properties: {}, required: [] };
    const outputs: ObjectSpec = { properties: {}, required: [] };
    for (const member of declaration.members) {
      if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name)) continue;
      if (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static) continue;
      const valueNode = typeArgumentOf(member.type, "Output");
      if (!valueNode) continue;
      const valueType = this.checker.getTypeFromTypeNode(valueNode);
      outputs.properties[member.name.text] = this.typeSpec(valueType, "output");
      if (!this.includesUndefined(valueType)) outputs.required.push(member.name.text);
    }
    return {
      inputProperties: inputs.properties,
      requiredInputs: inputs.required,
      properties: outputs.properties,
      required: outputs.required,
    };
  }

  /** `getX(args?: GetXArgs, opts?): Promise<GetXResult>`; the `…Output` twins are the same function. */
  private function(declaration: ts.FunctionDeclaration): FunctionSpec | undefined {
    const resultNode = typeArgumentOf(declaration.type, "Promise");
    if (!resultNode) return undefined;
    const argsNode = declaration.parameters.find((p) => p.name.getText() === "args")?.type;
    return {
      inputs: argsNode
        ? this.objectSpec(this.checker.getTypeFromTypeNode(argsNode), "input")
        : { properties: {}, required: [] },
      outputs: this.objectSpec(this.checker.getTypeFromTypeNode(resultNode), "output"),
    };
  }

  private objectSpec(type: ts.Type, direction: Direction): ObjectSpec {
    const spec: ObjectSpec = { properties: {}, required: [] };
    for (const property of this.checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      if (!declaration) continue;
      const propertyType = this.checker.getTypeOfSymbolAtLocation(property, declaration);
      spec.properties[property.name] = this.typeSpec(propertyType, direction);
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
      if (!optional && !this.includesUndefined(propertyType)) spec.required.push(property.name);
    }
    return spec;
  }

  private includesUndefined(type: ts.Type): boolean {
    const members = type.isUnion() ? type.types : [type];
    return members.some((member) => (member.flags & ts.TypeFlags.Undefined) !== 0);
  }

  private isWrapper(type: ts.Type): boolean {
    if (type.isIntersection()) return type.types.some((member) => this.isWrapper(member));
    const symbol = type.getSymbol();
    if (!symbol) return false;
    if (symbol.name === "Promise")
      return this.declaredIn(symbol, (file) => this.program.isSourceFileDefaultLibrary(file));
    return sdkWrappers.has(symbol.name) && this.declaredInPulumiSdk(symbol);
  }

  private declaredIn(symbol: ts.Symbol, test: (file: ts.SourceFile) => boolean): boolean {
    return (symbol.declarations ?? []).some((declaration) => test(declaration.getSourceFile()));
  }

  private declaredInPulumiSdk(symbol: ts.Symbol): boolean {
    return this.declaredIn(symbol, (file) => file.fileName.includes("/@pulumi/pulumi/"));
  }

  /** A property's value type, with the SDK's Input/Promise/Output wrappers and `undefined` taken away. */
  private typeSpec(type: ts.Type, direction: Direction): TypeSpec {
    const members = (type.isUnion() ? type.types : [type]).filter(
      (member) => !(member.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) && !this.isWrapper(member),
    );
    const specs: TypeSpec[] = [];
    for (const member of members) {
      const spec = this.memberSpec(member, direction);
      if (!specs.some((known) => JSON.stringify(known) === JSON.stringify(spec))) specs.push(spec);
    }
    if (specs.length === 0) return anyType;
    if (specs.length === 1) return specs[0];
    return { oneOf: specs };
  }

  private memberSpec(type: ts.Type, direction: Direction): TypeSpec {
    const flags = type.flags;
    // Enum members are string literals in @pulumi/aws (e.g. enums.ec2.InstanceType): strings.
    if (flags & ts.TypeFlags.StringLike) return { type: "string" };
    if (flags & ts.TypeFlags.NumberLike) return { type: "number" };
    if (flags & ts.TypeFlags.BooleanLike) return { type: "boolean" };
    if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return anyType;
    if (this.checker.isArrayType(type)) {
      const [element] = this.checker.getTypeArguments(type as ts.TypeReference);
      return { type: "array", items: element ? this.typeSpec(element, direction) : anyType };
    }
    if (!(flags & ts.TypeFlags.Object)) return anyType;
    const symbol = type.getSymbol();
    if (symbol && symbol.flags & ts.SymbolFlags.Class) return this.classSpec(symbol);
    const stringIndex = this.checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (stringIndex && this.checker.getPropertiesOfType(type).length === 0) {
      return { type: "object", additionalProperties: this.typeSpec(stringIndex.type, direction) };
    }
    if (symbol && symbol.flags & ts.SymbolFlags.Interface)
      return { $ref: this.namedType(symbol, type, direction) };
    return anyType;
  }

  /** A class in a property's type: an asset or archive of the SDK, or a resource whose ID the property takes. */
  private classSpec(symbol: ts.Symbol): TypeSpec {
    if (this.declaredInPulumiSdk(symbol)) {
      if (symbol.name.endsWith("Archive")) return { $ref: "pulumi.json#/Archive" };
      if (symbol.name.endsWith("Asset")) return { $ref: "pulumi.json#/Asset" };
    }
    return { type: "string" };
  }

  /** `inputs.apigateway.RestApiEndpointConfiguration` → `aws:apigateway/RestApiEndpointConfiguration:…`. */
  private namedType(symbol: ts.Symbol, type: ts.Type, direction: Direction): string {
    const declaration = symbol.declarations![0];
    const namespaces: string[] = [];
    for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
      if (ts.isModuleDeclaration(node)) namespaces.unshift(node.name.getText());
    }
    let module = namespaces.join("/");
    if (!module) {
      const dir = path.relative(this.packageDir, path.dirname(declaration.getSourceFile().fileName));
      module = dir === "" || dir === "types" ? "index" : dir.split(path.sep).join("/");
    }
    const token = `${packageName}:${module}/${symbol.name}:${symbol.name}`;
    const shapes = this.shapes.get(token) ?? {};
    if (!shapes[direction]) {
      // Registered before its properties are walked, so recursive shapes terminate.
      shapes[direction] = { properties: {}, required: [] };
      this.shapes.set(token, shapes);
      shapes[direction] = this.objectSpec(type, direction);
    }
    return `#/types/${token}`;
  }

  /**
   * One schema type per token. Inputs and outputs share tokens; the input shape decides what is required (the
   * output shape lists computed members as always present) and the output shape adds computed members.
   */
  private namedTypes(): Record<string, ObjectTypeSpec> {
    const types: Record<string, ObjectTypeSpec> = {};
    for (const [token, { input, output }] of [...this.shapes].sort(([a], [b]) => a.localeCompare(b))) {
      types[token] = {
        type: "object",
        properties: { ...output?.properties, ...input?.properties },
        required: (input ?? output)!.required,
      };
    }
    return types;
  }
}

/** The schema of the @pulumi/aws package installed at `packageDir`. */
export function schemaFromDeclarations(packageDir: string): PackageSpec {
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as {
    version: string;
    pulumi?: { version?: string };
  };
  const program = ts.createProgram({
    rootNames: declarationFiles(packageDir),
    options: {
      noEmit: true,
      skipLibCheck: true,
      strict: true,
      types: [],
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
    },
  });
  return new SchemaBuilder(program, packageDir).build(manifest.pulumi?.version ?? manifest.version);
}
