import { dirname, join } from 'node:path';
import ts from 'typescript';
import { modelModule } from './schema';
import { REPO_ROOT, ref, type Finding, type K8sObject } from './manifests';

/**
 * Unknown-field detection, the equivalent of `kubectl apply --validate=strict`: the Kubernetes OpenAPI
 * schemas do not forbid additional properties, so a misspelt field (`readynessProbe`) would pass schema
 * validation and be dropped silently by the API server. The TypeScript declarations that
 * kubernetes-models generates from the same OpenAPI spec list every field, so each object is walked
 * against its interface (`IDeployment`, `IScaledObject`...) with the TypeScript checker.
 */
export class StrictFieldChecker {
  private readonly checker: ts.TypeChecker;
  private readonly types = new Map<string, ts.Type>();

  constructor(kinds: { apiVersion: string; kind: string }[]) {
    const wanted = new Map<string, { module: string; kind: string }>();
    for (const { apiVersion, kind } of kinds) {
      const module = modelModule(apiVersion);
      if (module) wanted.set(`${apiVersion}/${kind}`, { module, kind });
    }
    const entries = [...wanted.entries()];
    const source =
      entries.map(([, w], i) => `import type { I${w.kind} as T${i} } from '${w.module}/${w.kind}';`).join('\n') + '\n' + entries.map((_, i) => `export declare const v${i}: T${i};`).join('\n');
    const fileName = join(REPO_ROOT, 'tools/deploy-validation/.strict-fields.virtual.ts');
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      lib: ['lib.es2022.d.ts'],
      baseUrl: dirname(fileName),
    };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, languageVersion, onError, shouldCreate) =>
      name === fileName ? ts.createSourceFile(name, source, languageVersion, true) : getSourceFile(name, languageVersion, onError, shouldCreate);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => name === fileName || fileExists(name);
    const program = ts.createProgram({ rootNames: [fileName], options, host });
    this.checker = program.getTypeChecker();
    const file = program.getSourceFile(fileName)!;
    const unresolved = program.getSemanticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    if (unresolved.length) throw new Error(`strict-field types did not resolve: ${unresolved.join('; ')}`);
    const declarations = new Map<string, ts.Type>();
    file.forEachChild((node) => {
      if (ts.isVariableStatement(node)) {
        for (const d of node.declarationList.declarations) declarations.set(d.name.getText(file), this.checker.getTypeAtLocation(d.name));
      }
    });
    entries.forEach(([key], i) => this.types.set(key, declarations.get(`v${i}`)!));
  }

  /** Unknown fields of `obj` (empty when its kind has no typed model, e.g. Config Connector). */
  check(obj: K8sObject): Finding[] {
    const type = this.types.get(`${obj.apiVersion}/${obj.kind}`);
    if (!type) return [];
    const findings: Finding[] = [];
    this.walk(obj, type, '', (path) => findings.push({ rule: 'schema/unknown-field', object: ref(obj), message: `unknown field ${path}` }));
    return findings;
  }

  private walk(value: unknown, declared: ts.Type, path: string, report: (path: string) => void): void {
    if (value === null || typeof value !== 'object') return;
    const type = this.objectPart(declared);
    if (!type) return;
    if (Array.isArray(value)) {
      if (!this.checker.isArrayType(type)) return;
      const element = this.checker.getTypeArguments(type as ts.TypeReference)[0];
      value.forEach((item, i) => this.walk(item, element, `${path}[${i}]`, report));
      return;
    }
    const index = this.checker.getIndexInfoOfType(type, ts.IndexKind.String);
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const childPath = path ? `${path}.${key}` : key;
      const property = this.checker.getPropertyOfType(type, key);
      if (property) {
        if (key === 'status') continue;
        this.walk(child, this.checker.getTypeOfSymbol(property), childPath, report);
      } else if (index) {
        this.walk(child, index.type, childPath, report);
      } else {
        report(childPath);
      }
    }
  }

  /** The object-like member of a declared type (`T | undefined`, `IntOrString`...), or undefined for open types. */
  private objectPart(type: ts.Type): ts.Type | undefined {
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
    const members = type.isUnion() ? type.types : [type];
    const objects = members.filter((t) => t.flags & ts.TypeFlags.Object);
    if (objects.length !== 1) return undefined; // primitives only, or an ambiguous union: nothing to check
    const t = objects[0];
    // `{}` / `object` / Record<string, any> style types accept anything.
    if (this.checker.getPropertiesOfType(t).length === 0 && !this.checker.getIndexInfoOfType(t, ts.IndexKind.String) && !this.checker.isArrayType(t)) {
      return undefined;
    }
    return t;
  }
}
