import type { Finding } from './manifests';

/**
 * Dockerfile checks equivalent to the hadolint rules we rely on (hadolint itself is not packaged for
 * Debian/npm here), plus Propcast's image policy. Rule ids: hadolint's DLxxxx where one exists, else PCxxx.
 */
export interface Instruction {
  keyword: string;
  /** Arguments as written (line continuations joined). */
  args: string;
  /** `--flag=value` options of COPY/ADD/FROM/HEALTHCHECK/RUN. */
  flags: Record<string, string>;
  line: number;
}

export interface Stage {
  name?: string;
  /** Image or previous stage this stage starts from (ARG references resolved). */
  base: string;
  baseRaw: string;
  index: number;
  line: number;
  instructions: Instruction[];
}

export interface ParsedDockerfile {
  globalArgs: Record<string, string>;
  stages: Stage[];
}

/** Parses a Dockerfile: comments, parser directives, `\` continuations, global ARGs and stages. */
export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = text.split('\n');
  const instructions: Instruction[] = [];
  let buffer = '';
  let start = 0;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!buffer && /^\s*#/.test(line)) return;
    if (!buffer && !line.trim()) return;
    if (buffer && /^\s*#/.test(line)) return; // comment lines inside a continuation are ignored by Docker
    if (!buffer) start = i + 1;
    if (/\\\s*$/.test(line)) {
      buffer += line.replace(/\\\s*$/, ' ');
      return;
    }
    buffer += line;
    const m = /^\s*(\w+)\s*(.*)$/s.exec(buffer);
    buffer = '';
    if (!m) return;
    const keyword = m[1].toUpperCase();
    let args = m[2].trim();
    const flags: Record<string, string> = {};
    for (;;) {
      const f = /^--([\w-]+)(?:=(\S+))?\s*/.exec(args);
      if (!f) break;
      flags[f[1]] = f[2] ?? 'true';
      args = args.slice(f[0].length);
    }
    instructions.push({ keyword, args: args.replace(/\s+/g, ' ').trim(), flags, line: start });
  });

  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const [baseRaw, , name] = ins.args.split(/\s+/);
      const base = baseRaw.replace(/\$\{?(\w+)\}?/g, (_m, v: string) => globalArgs[v] ?? `\${${v}}`);
      stages.push({ name: name?.toLowerCase(), base, baseRaw, index: stages.length, line: ins.line, instructions: [] });
    } else if (!stages.length) {
      if (ins.keyword === 'ARG') {
        const [k, v] = ins.args.split('=');
        globalArgs[k.trim()] = (v ?? '').trim();
      }
    } else {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  return { globalArgs, stages };
}

/** The stage chain from the root image to `stage` (stages FROM other stages inherit their config). */
export function stageChain(df: ParsedDockerfile, stage: Stage): Stage[] {
  const chain = [stage];
  let current = stage;
  for (;;) {
    const parent = df.stages.find((s) => s.name && s.name === current.base.toLowerCase() && s.index < current.index);
    if (!parent) return chain;
    chain.unshift(parent);
    current = parent;
  }
}

/** Instructions in effect for a stage, oldest first (parents' included). */
function effective(df: ParsedDockerfile, stage: Stage): Instruction[] {
  return stageChain(df, stage).flatMap((s) => s.instructions);
}

function last(instructions: Instruction[], keyword: string): Instruction | undefined {
  return [...instructions].reverse().find((i) => i.keyword === keyword);
}

/** Splits a RUN into shell commands (on &&, ||, ;, |). */
function commands(run: string): string[] {
  return run
    .split(/&&|\|\||;|\|/)
    .map((c) => c.trim())
    .filter(Boolean);
}

export interface DockerfileLintOptions {
  /** Final targets (service images) and the port each must serve, e.g. { ingestion: 3001, migrate: undefined }. */
  targets: Record<string, number | undefined>;
  /** Targets that have no HTTP server (HEALTHCHECK NONE allowed). */
  oneShotTargets?: string[];
  /** Debian packages a target's chain must install, e.g. { trainer: ['libxgboost0'] }. */
  requiredPackages?: Record<string, string[]>;
}

export function lintDockerfile(text: string, opts: DockerfileLintOptions, file = 'docker/Dockerfile'): Finding[] {
  const df = parseDockerfile(text);
  const findings: Finding[] = [];
  const add = (rule: string, line: number | undefined, message: string) => findings.push({ rule, object: `${file}${line ? `:${line}` : ''}`, message });
  const stageNames = new Set(df.stages.map((s) => s.name).filter(Boolean));

  for (const k of Object.keys(df.globalArgs)) {
    if (/PASSWORD|SECRET|TOKEN|KEY/i.test(k)) add('PC001', undefined, `ARG ${k} looks like a secret: build args end up in the image history`);
  }

  for (const stage of df.stages) {
    const fromStage = stageNames.has(stage.base.toLowerCase());
    if (!fromStage) {
      // DL3006 / DL3007: base images pinned to a version (or digest), never latest.
      const image = stage.base;
      if (image.includes('${')) add('DL3006', stage.line, `FROM ${stage.baseRaw}: the ARG has no default, the base image is not pinned`);
      else if (image.includes('@sha256:')) {
        // pinned by digest
      } else {
        const tag = image.includes(':') ? image.split(':').pop()! : '';
        if (!tag) add('DL3006', stage.line, `FROM ${image}: always tag the base image`);
        else if (tag === 'latest') add('DL3007', stage.line, `FROM ${image}: never use :latest`);
        else if (!/^\d+\.\d+(\.\d+)?([-.][\w.-]+)?$/.test(tag)) add('DL3006', stage.line, `FROM ${image}: pin a version tag (x.y.z[-variant]) or a digest`);
      }
    }
    // SHELL is inherited from parent stages.
    let shellPipefail = stageChain(df, stage)
      .slice(0, -1)
      .flatMap((s) => s.instructions)
      .some((i) => i.keyword === 'SHELL' && /pipefail/.test(i.args));
    for (const ins of stage.instructions) {
      const { keyword, args, line } = ins;
      if (keyword === 'MAINTAINER') add('DL4000', line, 'MAINTAINER is deprecated (use a label)');
      if (keyword === 'ADD') add('DL3020', line, 'use COPY instead of ADD for files and folders');
      if (keyword === 'WORKDIR' && !args.startsWith('/') && !args.startsWith('$')) add('DL3000', line, `WORKDIR ${args} must be absolute`);
      if ((keyword === 'ENV' || keyword === 'ARG') && /\b\w*(PASSWORD|SECRET|TOKEN|API_KEY)\w*\s*=/.test(args)) {
        add('PC001', line, `${keyword} looks like a secret: it would be baked into the image`);
      }
      if ((keyword === 'CMD' || keyword === 'ENTRYPOINT') && !args.startsWith('[')) {
        add('DL3025', line, `${keyword} must use the JSON (exec) form so the process gets SIGTERM directly`);
      }
      if (keyword === 'HEALTHCHECK' && args !== 'NONE' && !/^CMD\s+\[/.test(args)) add('DL3025', line, 'HEALTHCHECK CMD should use the JSON form');
      if (keyword === 'SHELL' && /pipefail/.test(args)) shellPipefail = true;
      if (keyword !== 'RUN') continue;
      const cmds = commands(args);
      if (args.replace(/\|\|/g, '').includes('|') && !shellPipefail && !/set -[a-z]*o pipefail/.test(args)) {
        add('DL4006', line, 'RUN with a pipe: set SHELL ["/bin/bash", "-o", "pipefail", "-c"] so a failing left side fails the build');
      }
      if (cmds.some((c) => /^sudo\b/.test(c))) add('DL3004', line, 'do not use sudo');
      const apt = cmds.filter((c) => /^apt(-get)?\s/.test(c));
      if (apt.some((c) => /\s(upgrade|dist-upgrade)\b/.test(c))) add('DL3005', line, 'do not apt-get upgrade in an image: rebuild on a newer base instead');
      for (const c of apt.filter((x) => /\sinstall\b/.test(x))) {
        if (!/\s(-y|--yes|-qq?y|--assume-yes)\b/.test(c)) add('DL3014', line, 'apt-get install needs -y');
        if (!/--no-install-recommends/.test(c)) add('DL3015', line, 'apt-get install needs --no-install-recommends');
        if (!/rm -rf \/var\/lib\/apt\/lists/.test(args)) add('DL3009', line, 'delete the apt lists (rm -rf /var/lib/apt/lists/*) in the same RUN');
        if (!cmds.some((x) => /^apt(-get)?\s+update\b/.test(x))) add('DL3009', line, 'apt-get update in the same RUN as install (stale cache layers otherwise)');
      }
      if (cmds.some((c) => /^npm\s+(install|i)\b/.test(c))) add('DL3016', line, 'use `npm ci` (the lockfile) instead of npm install');
      for (const c of cmds.filter((x) => /^npm\s+ci\b/.test(x))) {
        if (!/--ignore-scripts/.test(c)) add('PC002', line, 'npm ci must pass --ignore-scripts (no install scripts from the registry at build time)');
      }
    }
  }

  // Final targets: user, healthcheck, command, ownership, port.
  for (const [target, port] of Object.entries(opts.targets)) {
    const stage = df.stages.find((s) => s.name === target);
    if (!stage) {
      add('PC010', undefined, `no target stage "${target}"`);
      continue;
    }
    const chain = stageChain(df, stage);
    const all = effective(df, stage);
    const cmdIndex = all.findIndex((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    const user = last(cmdIndex >= 0 ? all.slice(0, cmdIndex) : all, 'USER');
    const finalUser = last(all, 'USER');
    if (!user) add('DL3002', stage.line, `${target}: no USER before CMD: the process would run as root`);
    for (const u of [user, finalUser]) {
      if (!u) continue;
      const name = u.args.split(':')[0];
      if (name === 'root' || name === '0') add('DL3002', u.line, `${target}: the last USER must not be root`);
      else if (!/^\d+$/.test(name)) add('PC011', u.line, `${target}: USER ${u.args} must be numeric (runAsNonRoot can only verify numeric users)`);
    }
    const hc = last(all, 'HEALTHCHECK');
    const oneShot = (opts.oneShotTargets ?? []).includes(target);
    if (!hc) add('PC012', stage.line, `${target}: no HEALTHCHECK`);
    else if (hc.args === 'NONE' && !oneShot) add('PC012', hc.line, `${target}: HEALTHCHECK NONE on a long-running service`);
    const cmd = last(all, 'CMD');
    if (!cmd) add('PC013', stage.line, `${target}: no CMD`);
    if (port !== undefined) {
      const expose = last(all, 'EXPOSE');
      if (!expose || !expose.args.split(/\s+/).includes(String(port))) add('PC014', stage.line, `${target}: EXPOSE ${port} missing`);
      const env = all
        .filter((i) => i.keyword === 'ENV')
        .map((i) => i.args)
        .join(' ');
      if (!new RegExp(`\\bPORT=${port}\\b`).test(env)) add('PC014', stage.line, `${target}: ENV PORT=${port} missing`);
    }
    // Files copied into the runtime chain are owned by root (immutable for the non-root process): say so
    // explicitly with --chown, and never hand them to the runtime user.
    const runtimeUser = (finalUser?.args ?? '').split(':')[0];
    for (const s of chain) {
      if (!s.instructions.some((i) => i.keyword === 'USER')) continue;
      for (const i of s.instructions.filter((x) => x.keyword === 'COPY')) {
        const chown = i.flags.chown;
        if (!chown) add('PC015', i.line, `${target}: COPY into the runtime image needs an explicit --chown (root:root: code stays read-only for the process)`);
        else if (runtimeUser && chown.split(':')[0] === runtimeUser) add('PC015', i.line, `${target}: COPY --chown=${chown} gives the runtime user write access to the application`);
      }
    }
    // Production dependencies only: node_modules must come from a stage that ran `npm ci --omit=dev`.
    for (const i of all.filter((x) => x.keyword === 'COPY' && x.flags.from && /node_modules/.test(x.args))) {
      const from = df.stages.find((s) => s.name === i.flags.from.toLowerCase());
      const prodInstall = from && effective(df, from).some((x) => x.keyword === 'RUN' && /npm ci\b[^&;|]*--omit=dev/.test(x.args));
      if (!prodInstall) add('PC017', i.line, `${target}: node_modules copied from "${i.flags.from}", which does not run npm ci --omit=dev`);
    }
    if (!all.some((x) => x.keyword === 'COPY' && /node_modules/.test(x.args))) add('PC017', stage.line, `${target}: no node_modules copied from a production-dependencies stage`);
    for (const pkg of opts.requiredPackages?.[target] ?? []) {
      if (!all.some((i) => i.keyword === 'RUN' && /apt-get\s+install/.test(i.args) && new RegExp(`\\b${pkg}\\b`).test(i.args))) {
        add('PC016', stage.line, `${target}: must install ${pkg}`);
      }
    }
  }
  return findings;
}
