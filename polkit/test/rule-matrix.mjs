// Evaluates polkit/50-restarter.rules the way polkitd does (the file's text run as a script in a context whose only
// global is `polkit`), then asks the registered rule about every combination of action id, verb, unit and user.
// Expected: YES only for restarter + manage-units + restart + example@<four ASCII digits>.service; no answer
// (undefined: polkit's default, auth_admin) for everything else, and never an exception.
// usage: node polkit/test/rule-matrix.mjs [RULE-FILE]; last line "N passed, M failed"; exit 1 on any failure.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import vm from "node:vm";

const here = path.dirname(fileURLToPath(import.meta.url));
const ruleFile = process.argv[2] ?? path.join(here, "..", "50-restarter.rules");
const source = readFileSync(ruleFile, "utf8");

let passed = 0;
let failed = 0;
const failures = [];
function check(name, ok, detail = "") {
  if (ok) passed++;
  else {
    failed++;
    failures.push(`FAIL ${name}${detail ? ": " + detail : ""}`);
  }
}

// --- load the rule file with a fake polkit object (the real one's shape: addRule, Result, log, spawn)
const rules = [];
const Result = Object.freeze({
  NO: "no", YES: "yes", AUTH_SELF: "auth_self", AUTH_SELF_KEEP: "auth_self_keep",
  AUTH_ADMIN: "auth_admin", AUTH_ADMIN_KEEP: "auth_admin_keep", NOT_HANDLED: null,
});
const spawned = [];
const polkit = {
  Result,
  addRule: (fn) => rules.push(fn),
  addAdminRule: () => { throw new Error("the rule file must not change who the admins are"); },
  log: () => {},
  spawn: (argv) => { spawned.push(argv); return ""; },
};
vm.runInNewContext(source, { polkit }, { filename: ruleFile });
check("the file registers exactly one rule", rules.length === 1, `registered ${rules.length}`);
const rule = rules[0] ?? (() => undefined);

function makeAction(id, details) {
  return { id, lookup: (key) => (Object.hasOwn(details, key) ? details[key] : undefined) };
}
function makeSubject(user) {
  return {
    pid: 4242, user, groups: user ? [user] : [], seat: "", session: "", local: false, active: false,
    isInGroup: (g) => g === user, isInNetGroup: () => false,
  };
}
function evaluate(actionId, verb, unit, user) {
  const details = {};
  if (verb !== undefined) details.verb = verb;
  if (unit !== undefined) details.unit = unit;
  try {
    return { result: rule(makeAction(actionId, details), makeSubject(user)) };
  } catch (e) {
    return { error: e };
  }
}
const show = (v) => (v === undefined ? "undefined" : JSON.stringify(v));

// --- the matrix
const ACTION = "org.freedesktop.systemd1.manage-units";
const actionIds = [
  ACTION,
  "org.freedesktop.systemd1.manage-unit-files",
  "org.freedesktop.systemd1.reload-daemon",
  "org.freedesktop.systemd1.set-environment",
  "org.freedesktop.login1.reboot",
  "org.freedesktop.policykit.exec",
  "org.freedesktop.systemd1.manage-units.extra",
  "ORG.FREEDESKTOP.SYSTEMD1.MANAGE-UNITS",
  "",
];
const verbs = [
  "restart", "start", "stop", "reload", "try-restart", "reload-or-restart", "reload-or-try-restart",
  "kill", "reset-failed", "set-property", "freeze", "thaw", "clean", "attach-processes", "bind-mount",
  "mount-image", "Restart", "restart ", " restart", "restart\n", "", undefined,
];
const goodUnits = ["example@0000.service", "example@0001.service", "example@1234.service", "example@4242.service",
  "example@9999.service"];
const badUnits = [
  "example@1234.service\n",          // `$` before a final newline: Python/.NET would accept it
  "\nexample@1234.service",
  "example@1234\n.service",
  "example@1234.service\0",
  "example@١٢٣٤.service",           // Arabic-Indic digits: .NET/Python \d accepts them
  "example@۱۲۳۴.service",           // Extended Arabic-Indic (Persian)
  "example@１２３４.service",         // fullwidth digits
  "example@१२३४.service",           // Devanagari
  "example@𝟏𝟐𝟑𝟒.service",           // mathematical bold digits (astral plane)
  "example@¹²³⁴.service",           // superscripts
  "example@12345.service", "example@123.service", "example@1.service", "example@.service",
  "other@1234.service", "example@1234", "example@1234.socket", "example@1234.timer", "example@1234.service.d",
  "example@1234.servicex", "example@1234xservice", "xexample@1234.service", "Example@1234.service",
  "EXAMPLE@1234.SERVICE", "example@@1234.service", "example@12 4.service", "example@ 1234.service",
  "example@1234.service ", " example@1234.service", "example@-123.service", "example@+123.service",
  "example@0x12.service", "example@1e10.service", "example@abcd.service", "example@123a.service",
  "example.service", "example@1234.service/../other@1234.service", "example@1234.service\texample@1234.service",
  "sshd.service", "dbus.service", "polkit.service", "restarter-server.service", "-.slice", "", undefined,
];
const users = ["restarter", "intruder", "root", "nobody", "polkitd", "Restarter", "restarter ", " restarter",
  "restarter\n", "restarter2", "xrestarter", "", undefined];

let yes = 0;
for (const id of actionIds) {
  for (const verb of verbs) {
    for (const unit of [...goodUnits, ...badUnits]) {
      for (const user of users) {
        const expected = id === ACTION && verb === "restart" && user === "restarter" && goodUnits.includes(unit)
          ? Result.YES : undefined;
        const got = evaluate(id, verb, unit, user);
        const name = `id=${show(id)} verb=${show(verb)} unit=${show(unit)} user=${show(user)}`;
        if (got.error) check(name, false, `threw ${got.error}`);
        else check(name, got.result === expected, `expected ${show(expected)}, got ${show(got.result)}`);
        if (got.result === Result.YES) yes++;
      }
    }
  }
}
check("YES exactly once per valid unit", yes === goodUnits.length, `YES given ${yes} times`);

// --- the regex corner cases, checked against this JavaScript engine so the comment in the rule stays true
check("ECMAScript \\d is ASCII-only (Arabic-Indic)", !/^\d$/.test("٣") && !/^\d$/u.test("٣"));
check("ECMAScript \\d is ASCII-only (fullwidth)", !/^\d$/.test("３") && !/^\d$/u.test("３"));
check("ECMAScript $ does not match before a final newline", !/^a$/.test("a\n"));
check("the rule never spawns a process", spawned.length === 0, JSON.stringify(spawned));
check("the rule is not an admin rule and logs nothing sensitive", !/addAdminRule|spawn/.test(source));

for (const f of failures.slice(0, 40)) console.log(f);
if (failures.length > 40) console.log(`... ${failures.length - 40} more failures`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
