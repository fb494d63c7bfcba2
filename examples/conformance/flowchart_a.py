#!/usr/bin/env python3
"""A deliberately partial MAPI logon, written by hand from docs/spec.md, speaking the conformance
protocol of docs/conformance.md (JSON lines on stdin/stdout, Python standard library only).

It implements flowchart A (A1..A15 with A-R1..A-R4, A-R6, A-R7) and the two-failure rule (C-R5:
C3, C4, C6, C7, C8, one retry, the second failure disables the service), with providers called
address books first, then stores, then transports (the spooler's, right after the logon).

It leaves out, on purpose, everything else, so that `mapi-logon conform` shows what a divergence
report looks like: validation (V-R1..V-R4, S-R4), reference-counted initialization (S-R1),
flowchart B (every provider is taken as configured: B1 B2 B3 B4 B5), C1/C2 (C-R1), the dialog-free
C4/C6 without MAPI_LOGON_UI (C-R4), MAPI_E_FAILONEPROVIDER (C-R7), session limits (C-R9),
MAPI_NO_MAIL and MAPI_FORCE_DOWNLOAD (C-R3, C-R2), joins that tell the spooler (A-R9), shared
logoff (S-R2), status rows (T-R1..T-R4), QueryIdentity (D-R3) and the logoff order (D-R4).

    npm run --silent mapi-logon -- conform --exec "python3 examples/conformance/flowchart_a.py"
"""
import json
import sys

HRESULTS = {
    "S_OK": 0x00000000, "MAPI_W_NO_SERVICE": 0x00040203, "MAPI_W_ERRORS_RETURNED": 0x00040380,
    "MAPI_E_CALL_FAILED": 0x80004005, "MAPI_E_INVALID_PARAMETER": 0x80070057, "MAPI_E_NO_SUPPORT": 0x80040102,
    "MAPI_E_UNKNOWN_FLAGS": 0x80040106, "MAPI_E_BUSY": 0x8004010B, "MAPI_E_INVALID_OBJECT": 0x80040108,
    "MAPI_E_NOT_FOUND": 0x8004010F, "MAPI_E_VERSION": 0x80040110, "MAPI_E_LOGON_FAILED": 0x80040111,
    "MAPI_E_SESSION_LIMIT": 0x80040112, "MAPI_E_USER_CANCEL": 0x80040113, "MAPI_E_NETWORK_ERROR": 0x80040115,
    "MAPI_E_EXTENDED_ERROR": 0x80040119, "MAPI_E_UNCONFIGURED": 0x8004011C, "MAPI_E_FAILONEPROVIDER": 0x8004011D,
    "MAPI_E_UNKNOWN_CPID": 0x8004011E, "MAPI_E_UNKNOWN_LCID": 0x8004011F, "MAPI_E_PASSWORD_CHANGE_REQUIRED": 0x80040120,
    "MAPI_E_PASSWORD_EXPIRED": 0x80040121, "MAPI_E_TIMEOUT": 0x80040401, "MAPI_E_NOT_INITIALIZED": 0x80040605,
}
LOGON_FLAGS = {
    "MAPI_LOGON_UI": 0x1, "MAPI_NEW_SESSION": 0x2, "MAPI_ALLOW_OTHERS": 0x8, "MAPI_EXPLICIT_PROFILE": 0x10,
    "MAPI_EXTENDED": 0x20, "MAPI_USE_DEFAULT": 0x40, "MAPI_FORCE_DOWNLOAD": 0x1000, "MAPI_SERVICE_UI_ALWAYS": 0x2000,
    "MAPI_NO_MAIL": 0x8000, "MAPI_NT_SERVICE": 0x10000, "MAPI_PASSWORD_UI": 0x20000, "MAPI_TIMEOUT_SHORT": 0x100000,
    "MAPI_BG_SESSION": 0x200000, "MAPI_UNICODE": 0x80000000,
}
KIND_ORDER = ["addressBook", "store", "transport"]
HAPPY_B = ["B1", "B2", "B3", "B4", "B5"]


def hr(name):
    return {"hr": name, "hrValue": HRESULTS[name]}


def bits(flags):
    if isinstance(flags, int):
        return flags
    value = 0
    for name in flags:
        value |= LOGON_FLAGS.get(name, 0)
    return value


def is_failure(name):
    return HRESULTS[name] & 0x80000000 != 0


class Run:
    """One scenario: the subsystem's state, and one result per call."""

    def __init__(self, scenario):
        self.profiles = scenario["profiles"]
        self.initialized = False
        self.sessions = {}  # client -> session dict
        self.shared = None
        self.next_id = 1
        self.outcome_used = {}  # (profile, service, provider) -> answers taken, over the whole scenario

    def profile(self, name):
        for p in self.profiles:
            if p["name"].lower() == name.lower():  # A-R2: names match ignoring case
                return p
        return None

    def call(self, c):
        op = c["op"]
        if op == "initialize":
            self.initialized = True
            return {"op": op, **hr("S_OK"), "initCount": 1}
        if op == "uninitialize":
            self.initialized = False
            return {"op": op, **hr("S_OK"), "initCount": 0, "endedSessions": []}
        client = c["client"]
        session = self.sessions.get(client)
        base = {"op": op, "client": client}
        if op == "logon":
            return self.logon(c)
        sid = session["id"] if session else None
        if not self.initialized:
            code = "MAPI_E_NOT_INITIALIZED"
        elif session is None or session["ended"]:
            code = "MAPI_E_INVALID_OBJECT"
        else:
            code = "S_OK"
        if op == "logoff":
            ended = code == "S_OK"
            if ended:
                session["ended"] = True
                if self.shared is session:
                    self.shared = None
            return {**base, **hr(code), "session": sid, "ended": ended, "loggedOff": [], "notified": []}
        if op == "statusTable":
            return {**base, **hr(code), "session": sid, "rows": []}
        if op == "queryIdentity":
            return {**base, **hr("MAPI_W_NO_SERVICE" if code == "S_OK" else code), "session": sid, "identity": None}
        raise ValueError("unknown op %r" % op)

    def logon(self, c):
        flags = bits(c.get("flags", []))
        answers = {kind: list(values) for kind, values in (c.get("answers") or {}).items()}
        out = {"op": "logon", "client": c["client"], "session": None, "shared": False, "profile": None,
               "path": [], "dialogs": [], "services": [], "spooler": None}
        path, dialogs = out["path"], out["dialogs"]

        def ask(kind):
            dialogs.append(kind)
            pending = answers.get(kind) or []
            return pending.pop(0) if pending else "cancel"

        def end(code):
            out.update(hr(code))
            return out

        if not self.initialized:
            return end("MAPI_E_NOT_INITIALIZED")
        path.append("A1")
        if not flags & LOGON_FLAGS["MAPI_NEW_SESSION"]:
            path.append("A2")
            if self.shared is not None:  # A3, A-R1: join as it is
                path.append("A3")
                self.sessions[c["client"]] = self.shared
                out.update(session=self.shared["id"], shared=True, profile=self.shared["profile"], spooler="told")
                return end("S_OK")
        path.append("A4")
        name = c.get("profileName")
        chosen = None
        if name:
            path.append("A5")
            found = self.profile(name)
            out["profile"] = found["name"] if found else name
            chosen = found
        else:
            path.append("A6")
            if flags & LOGON_FLAGS["MAPI_USE_DEFAULT"]:  # A-R6: only USE_DEFAULT picks the default
                path.append("A7")
                chosen = next((p for p in self.profiles if p.get("default")), None)
                out["profile"] = chosen["name"] if chosen else None
            else:
                path.append("A8")
                if not flags & LOGON_FLAGS["MAPI_LOGON_UI"]:
                    path.append("A10")
                    return end("MAPI_E_LOGON_FAILED")
                path.append("A9")
                picked = ask("profilePicker")
                if picked == "cancel":  # A-R3
                    return end("MAPI_E_USER_CANCEL")
                chosen = self.profile(picked)
                out["profile"] = chosen["name"]
        path.append("A11")
        if chosen is None or chosen.get("credentials", "valid") != "valid":
            path.append("A13")
            if not flags & LOGON_FLAGS["MAPI_PASSWORD_UI"]:
                path.append("A15")
                return end("MAPI_E_LOGON_FAILED")
            path.append("A14")
            answer = ask("password")  # A-R4
            if answer == "cancel":
                return end("MAPI_E_USER_CANCEL")
            if answer != "valid" or chosen is None:  # A-R2: a password cannot make a profile exist
                return end("MAPI_E_LOGON_FAILED")
        out["services"] = self.log_on_services(chosen, flags, ask)
        path.append("A12")
        session = {"id": "s%d" % self.next_id, "profile": chosen["name"], "ended": False}
        self.next_id += 1
        if flags & LOGON_FLAGS["MAPI_ALLOW_OTHERS"] and self.shared is None:  # A-R7
            self.shared = session
            out["shared"] = True
        self.sessions[c["client"]] = session
        out.update(session=session["id"], spooler="told")
        return end("S_OK")

    def scripted(self, profile, service, provider):
        key = (profile["name"], service["name"], provider["name"])
        outcomes = provider.get("outcomes") or ["S_OK"]
        used = self.outcome_used.get(key, 0)
        self.outcome_used[key] = used + 1
        return outcomes[min(used, len(outcomes) - 1)]

    def log_on_services(self, profile, flags, ask):
        ui = flags & LOGON_FLAGS["MAPI_LOGON_UI"] != 0
        records = []
        for service in profile["services"]:
            providers = [{"name": p["name"], "kind": p["kind"], "state": "notStarted", "phase": None, "hr": None,
                          "hrs": [], "attempts": 0, "paths": []} for p in service["providers"]]
            records.append({"name": service["name"], "state": "enabled", "failures": 0, "path": ["C1"],
                            "providers": providers})
        for kind in KIND_ORDER:
            for s, service in enumerate(profile["services"]):
                record = records[s]
                for p, provider in enumerate(service["providers"]):
                    if provider["kind"] != kind or record["state"] == "disabled":
                        continue
                    self.log_on_provider(profile, service, provider, record, record["providers"][p], ui, ask)
        for record in records:
            if record["state"] == "enabled":
                record["path"].append("C8")
        return records

    def log_on_provider(self, profile, service, provider, record, out, ui, ask):
        """C3 with the two-failure rule (C-R5): one retry after the first failure, the second disables."""
        out["phase"] = "spooler" if provider["kind"] == "transport" else "logon"
        while True:
            record["path"].append("C3")
            answer = self.scripted(profile, service, provider)
            out["attempts"] += 1
            out["paths"].append(list(HAPPY_B))
            out["hrs"].append(answer)
            out["hr"] = answer
            if not is_failure(answer):
                out["state"] = "loggedOn"
                return
            record["failures"] += 1
            if record["failures"] >= 2:
                return self.disable(record)
            if answer == "MAPI_E_UNCONFIGURED":
                record["path"].append("C4")
                if ui:
                    ask("serviceConfig")
                continue
            record["path"].append("C6")
            if ui and ask("retry") != "retry":
                return self.disable(record)

    def disable(self, record):
        record["path"].append("C7")
        record["state"] = "disabled"
        for p in record["providers"]:
            p["state"] = "disabled"


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        message = json.loads(line)
        try:
            run = Run(message["scenario"])
            results = [run.call(c) for c in message["scenario"]["calls"]]
            reply = {"id": message["id"], "results": results}
        except Exception as error:  # the protocol's way to say "cannot run this one"
            reply = {"id": message.get("id"), "error": "%s: %s" % (type(error).__name__, error)}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
