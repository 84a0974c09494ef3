// The lock bench in a browser (`make web`): bundles sim/web/page/ with esbuild into build/web/ and serves it on
// localhost with the boards, their built images and the scenario library. The page runs the real image in the
// same engine as the terminal view (sim/engine.ts); only where the image runs differs: a hidden iframe instead
// of a Node vm context (sim/web/page/iframe-realm.ts replaces sim/espruino/vm.ts in the bundle). Nothing is
// fetched from outside: it works offline.
//   npx tsx sim/web/serve.ts [--port N]     (port 0 or none: a free one; the address is printed)
import * as esbuild from "esbuild";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { AddressInfo } from "net";
import { boardNames, findBoard } from "../../tools/boards/find";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
const PAGE_DIR = path.join(__dirname, "page");
export const WEB_DIR = path.join(REPO_ROOT, "build", "web");
const SCENARIO_DIR = path.join(REPO_ROOT, "test", "scenarios");
/** the images a board's build folder may hold, the flashed one first */
export const IMAGE_FILES = ["firmware.min.js", "firmware.js"];

/** build/web/: index.html, style.css and bench.js (the page, the engine, the models, the fake Espruino) */
export async function buildBench(outDir = WEB_DIR): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(PAGE_DIR, "main.ts")],
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2020",
    outfile: path.join(outDir, "bench.js"),
    sourcemap: true,
    logLevel: "warning",
    plugins: [
      {
        // where the image runs: an iframe realm in the browser instead of Node's vm
        name: "iframe-realm",
        setup(build) {
          build.onResolve({ filter: /\/espruino\/vm$/ }, () => ({ path: path.join(PAGE_DIR, "iframe-realm.ts") }));
        },
      },
    ],
  });
  for (const file of ["index.html", "style.css"]) fs.copyFileSync(path.join(PAGE_DIR, file), path.join(outDir, file));
}

export interface BoardOffer {
  name: string;
  board: unknown;
  /** the built images there are, of IMAGE_FILES */
  images: string[];
}

function boardsOffered(root: string): BoardOffer[] {
  return boardNames(path.join(root, "boards")).map((name) => ({
    name,
    board: findBoard(name, path.join(root, "boards")),
    images: IMAGE_FILES.filter((f) => fs.existsSync(path.join(root, "build", name, f))),
  }));
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
  ".json": "application/json",
  ".scn": "text/plain; charset=utf-8",
};

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = "text/plain; charset=utf-8"): void {
  res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
  res.end(body);
}

function handle(req: http.IncomingMessage, res: http.ServerResponse, root: string, webDir: string): void {
  const url = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
  const parts = url.split("/").filter(Boolean);
  if (url === "/") return send(res, 200, fs.readFileSync(path.join(webDir, "index.html")), TYPES[".html"]);
  if (parts.length === 1 && /^(bench\.js|bench\.js\.map|style\.css)$/.test(parts[0])) {
    return send(res, 200, fs.readFileSync(path.join(webDir, parts[0])), TYPES[path.extname(parts[0])]);
  }
  if (url === "/boards.json") return send(res, 200, JSON.stringify(boardsOffered(root)), TYPES[".json"]);
  // /image/<board>/<file>: only the images the build writes, of the boards there are
  if (parts[0] === "image" && parts.length === 3 && boardNames(path.join(root, "boards")).includes(parts[1]) && IMAGE_FILES.includes(parts[2])) {
    const file = path.join(root, "build", parts[1], parts[2]);
    if (fs.existsSync(file)) return send(res, 200, fs.readFileSync(file), TYPES[".js"]);
  }
  if (url === "/scenarios.json") {
    const names = fs.existsSync(SCENARIO_DIR) ? fs.readdirSync(SCENARIO_DIR).filter((f) => f.endsWith(".scn")).sort() : [];
    return send(res, 200, JSON.stringify(names), TYPES[".json"]);
  }
  if (parts[0] === "scenarios" && parts.length === 2 && /^[\w.-]+\.scn$/.test(parts[1])) {
    const file = path.join(SCENARIO_DIR, parts[1]);
    if (fs.existsSync(file)) return send(res, 200, fs.readFileSync(file), TYPES[".scn"]);
  }
  send(res, 404, `not found: ${url}`);
}

/** Serves the bench (build it first) on 127.0.0.1; port 0 picks a free one. */
export function serveBench(port = 0, root = REPO_ROOT, webDir = WEB_DIR): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    try {
      handle(req, res, root, webDir);
    } catch (err) {
      send(res, 500, String((err as Error)?.message ?? err));
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${actual}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--port");
  const port = at >= 0 ? Number(args[at + 1]) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port takes a port number, not "${args[at + 1]}"`);
  await buildBench();
  const { url } = await serveBench(port);
  console.log(`Latchkey bench: ${url}  (open it in a browser; Ctrl-C stops it)`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`make web: ${(err as Error).message}`);
    process.exitCode = 2;
  });
}
