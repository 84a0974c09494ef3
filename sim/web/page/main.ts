// The lock bench page: a lock of the chosen board running the real built image (fetched from the bench's
// server) in the simulator's engine, in real time or faster; the drawn lock, its records and scenarios.
import { createSimulation, Simulation } from "../../engine";
import type { ValidatedBoard } from "../../../tools/boards/validate";
import type { BoardAndImage } from "../../scenario/runner";
import { $ } from "./dom";
import { showLock, wireLock } from "./lock-view";
import { exportSvg, showRecords } from "./records-view";
import { runOnBench } from "./scenario-view";

interface BoardOffer {
  name: string;
  board: ValidatedBoard;
  images: string[];
}

const FRAME_MS = 20;
const RECORDS_EVERY_MS = 250;
const STATUS_EVERY_MS = 500;
/** after a pause (a hidden tab, a scenario run) time does not jump by more than this */
const MAX_STEP_MS = 1000;

const bench = {
  offers: [] as BoardOffer[],
  images: new Map<string, string>(),
  sim: undefined as unknown as Simulation,
  title: "",
  paused: false,
  status: undefined as unknown,
  /** things to do at a time of the lock (a key let go of), in time order */
  due: [] as Array<{ t: number; fn: () => void }>,
};

function at(t: number, fn: () => void): void {
  // a hand on the lock brings a paused one (a scenario's end) back to life
  bench.paused = false;
  $("resume").hidden = true;
  if (t <= bench.sim.now()) return fn();
  bench.due.push({ t, fn });
  bench.due.sort((a, b) => a.t - b.t);
}

/** advances the lock by `ms`, doing what falls due on the way at its time */
function advance(ms: number): void {
  const sim = bench.sim;
  const end = sim.now() + ms;
  while (bench.due.length > 0 && bench.due[0].t <= end) {
    const next = bench.due.shift()!;
    sim.advance(Math.max(0, next.t - sim.now()));
    next.fn();
  }
  sim.advance(end - sim.now());
}

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.text();
}

function chosenImage(offer: BoardOffer): string {
  const wanted = $<HTMLSelectElement>("image").value;
  return offer.images.includes(wanted) ? wanted : offer.images[0];
}

async function load(name: string): Promise<BoardAndImage> {
  const offer = bench.offers.find((o) => o.name === name);
  if (!offer) throw new Error(`no board "${name}" (boards: ${bench.offers.map((o) => o.name).join(", ")})`);
  const file = chosenImage(offer);
  if (!file) throw new Error(`build/${name}/ has no image: run make`);
  const url = `image/${name}/${file}`;
  if (!bench.images.has(url)) bench.images.set(url, await fetchText(url));
  return { board: offer.board, image: bench.images.get(url) as string, imageName: `build/${name}/${file}` };
}

let locks = 0;

function adopt(sim: Simulation, title: string, paused: boolean): void {
  // which lock is on the bench, for a test to wait for a new one
  document.body.dataset.lock = `${++locks} ${title}`;
  bench.sim = sim;
  bench.title = title;
  bench.paused = paused;
  bench.status = undefined;
  bench.due = [];
  $("resume").hidden = !paused;
  $<HTMLInputElement>("battery").value = String(sim.battery.openCircuitVolts());
  $<HTMLInputElement>("block").checked = false;
  $<HTMLSelectElement>("hand").value = sim.hand();
}

/** a new lock: empty flash, fresh batteries, put in at once */
async function restart(): Promise<void> {
  const loaded = await load($<HTMLSelectElement>("board").value);
  const sim = createSimulation({ board: loaded.board, image: loaded.image, imageName: loaded.imageName, seed: 1 });
  sim.powerOn();
  adopt(sim, `Latchkey ${loaded.board.name} (${loaded.imageName})`, false);
}

function fillImages(): void {
  const offer = bench.offers.find((o) => o.name === $<HTMLSelectElement>("board").value);
  const select = $<HTMLSelectElement>("image");
  const before = select.value;
  select.replaceChildren(...(offer?.images ?? []).map((f) => new Option(f, f)));
  if (offer?.images.includes(before)) select.value = before;
}

function run(): void {
  let wall = performance.now();
  let lastRecords = 0;
  let lastStatus = 0;
  setInterval(() => {
    const now = performance.now();
    const sim = bench.sim;
    if (sim && !bench.paused) advance(Math.min((now - wall) * Number($<HTMLSelectElement>("speed").value), MAX_STEP_MS));
    wall = now;
    if (!sim) return;
    if (now - lastStatus >= STATUS_EVERY_MS) {
      lastStatus = now;
      try {
        bench.status = sim.status() ?? "no Latchkey.status() on the console";
      } catch (err) {
        bench.status = `Latchkey.status() threw: ${(err as Error).message}`;
      }
    }
    showLock(sim, bench.status);
    $("clock").textContent = `t=${(sim.now() / 1000).toFixed(1)} s${bench.paused ? " (paused)" : ""}`;
    if (now - lastRecords >= RECORDS_EVERY_MS) {
      lastRecords = now;
      showRecords(sim, bench.title);
    }
  }, FRAME_MS);
}

async function start(): Promise<void> {
  bench.offers = JSON.parse(await fetchText("boards.json"));
  const boards = $<HTMLSelectElement>("board");
  boards.replaceChildren(...bench.offers.map((o) => new Option(o.name, o.name)));
  if (bench.offers.some((o) => o.name === "proto-pico")) boards.value = "proto-pico";
  fillImages();
  boards.addEventListener("change", () => {
    fillImages();
    void restart();
  });
  $("image").addEventListener("change", () => void restart());
  $("restart").addEventListener("click", () => void restart());
  $("resume").addEventListener("click", () => {
    bench.paused = false;
    $("resume").hidden = true;
  });
  $("export-svg").addEventListener("click", () => exportSvg(bench.sim, bench.title, `latchkey-${bench.sim.board.name}-timeline.svg`));
  wireLock({ sim: () => bench.sim, at });

  const examples = $<HTMLSelectElement>("scenario-example");
  for (const name of JSON.parse(await fetchText("scenarios.json")) as string[]) examples.append(new Option(name, name));
  examples.addEventListener("change", async () => {
    if (examples.value) $<HTMLTextAreaElement>("scenario-text").value = await fetchText(`scenarios/${examples.value}`);
  });
  $<HTMLInputElement>("scenario-file").addEventListener("change", async (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) $<HTMLTextAreaElement>("scenario-text").value = await file.text();
  });
  $("run-scenario").addEventListener("click", () => {
    const chosen = $<HTMLInputElement>("scenario-file").files?.[0]?.name || examples.value || "pasted.scn";
    void runOnBench(
      {
        boardName: () => $<HTMLSelectElement>("board").value,
        load,
        adopt: (sim) => adopt(sim, `${chosen} on ${sim.board.name}`, true),
      },
      $<HTMLTextAreaElement>("scenario-text").value,
      chosen,
    );
  });

  await restart();
  run();
  document.body.dataset.ready = "true";
}

start().catch((err) => {
  document.body.dataset.ready = "error";
  $("running").textContent = `the bench could not start: ${(err as Error).message}`;
  throw err;
});
