import json, sys
from click.testing import CliRunner
from cli.main import cli

db = sys.argv[1]
r = CliRunner()
queries = []
S, P = "solleftea", "prov"
for f, meetings in ((S, ["2023-11-23","2023-12-20","2024-02-15","2024-04-18","2024-06-13","2024-09-19","2024-11-21","2025-02-13","2025-03-20"]), (P, ["2024-11-20","2024-12-12","2025-04-10","2026-02-12"])):
    queries.append([ "--forbund", f, "forbund", "show"])
    for m in meetings:
        queries.append(["--forbund", f, "minutes", m])
    for d in ["2024-01-01", "2024-06-30", "2024-12-31", "2025-06-30", "2026-03-01"]:
        queries.append(["--forbund", f, "board", "--as-of", d])
        queries.append(["--forbund", f, "assignments", "--as-of", d])
    for known in [None, "2025-05-01", "2025-07-01", "2025-12-31"]:
        k = ["--known-at", known] if known else []
        for d in ["2024-06-30", "2024-12-31", "2025-03-31", "2025-06-30", "2025-12-31", "2026-06-30"]:
            year = d[:4]
            for fold in ([], ["--fold"]):
                queries.append(["--forbund", f, "budget", "--year", year, "--as-of", d, *k, *fold])
                queries.append(["--forbund", f, "result", "--year", year, "--as-of", d, *k, *fold])
                queries.append(["--forbund", f, "equity", "--as-of", d, *k, *fold])
                queries.append(["--forbund", f, "interventions", "--as-of", d, *k, *fold])
queries.append(["forbund", "list"])
answers = []
for q in queries:
    res = r.invoke(cli, ["--db", db, *q, "--format", "json"], catch_exceptions=False)
    assert res.exit_code == 0, (q, res.output)
    answers.append({"args": q, "answer": json.loads(res.stdout)})
for a in list(answers):
    if len(a["args"]) > 2 and a["args"][2] == "minutes":
        for p in a["answer"]["paragraphs"]:
            q = ["--forbund", a["args"][1], "paragraph", "show", str(p["year"]), str(p["number"])]
            res = r.invoke(cli, ["--db", db, *q, "--format", "json"], catch_exceptions=False)
            assert res.exit_code == 0, (q, res.output)
            answers.append({"args": q, "answer": json.loads(res.stdout)})
json.dump(answers, open(sys.argv[2], "w"), ensure_ascii=False, indent=1, sort_keys=True)
print(len(answers))
