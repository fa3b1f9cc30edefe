"""The shape of ../shared/STYLE.md held by machines: import rules, and every write going through a service.

The side doors of the staff (admin classes, views, spreadsheet resources, management commands, tasks) are
clients of the services like the public pages: a write spelled out in one of them is a rule that the service
does not see. The scan reads the source with `ast`, so it finds a write whatever object it is called on;
what is not a database write, or is one for a reason, is listed in ALLOWED with that reason.
"""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("redcross", "projects", "training", "publicity")
WRITES = frozenset(
    {"save", "create", "update", "delete", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}
)

# (file, the call as written up to its parenthesis, why it may stay). A whole call, not a method name, so
# that one harmless call does not let through another of the same name in the file.
ALLOWED = {
    ("redcross/admin.py", "BranchProfile.objects.get_or_create",
     "the branch profile is a singleton, created on the first visit of its page"),
}
# seed_demo loads each app's demo.py, whose writes are demo fixtures; the command itself writes nothing.


def is_side_door(relative: Path) -> bool:
    parts = relative.parts
    if "migrations" in parts:
        return False
    if relative.name in {"admin.py", "views.py", "resources.py", "tasks.py"}:
        return True
    folders = parts[:-1]
    if folders[-2:] == ("management", "commands"):
        return True
    return any(folder in {"admin", "views", "resources"} for folder in folders[1:])


def side_doors() -> list[Path]:
    return sorted(
        path.relative_to(ROOT)
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if is_side_door(path.relative_to(ROOT))
    )


def direct_writes(relative: Path, root: Path = ROOT) -> list[tuple[str, int, str]]:
    tree = ast.parse((root / relative).read_text(encoding="utf-8"), filename=str(relative))
    return [
        (relative.as_posix(), node.lineno, ast.unparse(node.func))
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES
    ]


def test_the_scan_finds_the_side_doors():
    found = {path.as_posix() for path in side_doors()}
    for expected in ("redcross/admin.py", "redcross/management/commands/seed_demo.py",
                     "redcross/reports/management/commands/summary_report.py", "training/views.py"):
        assert expected in found, expected
    assert not any("/migrations/" in name for name in found)


def test_the_scan_sees_a_write_on_any_object(tmp_path):
    sample = tmp_path / "projects" / "admin" / "sites.py"
    sample.parent.mkdir(parents=True)
    sample.write_text(
        "def act(queryset, form):\n    queryset.filter(a=1).update(b=2)\n    form.instance.save()\n"
        "    form.save(commit=False)\n"
    )
    assert is_side_door(Path("projects/admin/sites.py"))
    assert direct_writes(Path("projects/admin/sites.py"), root=tmp_path) == [
        ("projects/admin/sites.py", 2, "queryset.filter(a=1).update"),
        ("projects/admin/sites.py", 3, "form.instance.save"),
        ("projects/admin/sites.py", 4, "form.save"),
    ]


def test_admins_views_resources_commands_and_tasks_write_only_through_services():
    offenders = [
        f"{name}:{line} {call}()"
        for path in side_doors()
        for name, line, call in direct_writes(path)
        if (name, call) not in {(file, allowed) for file, allowed, _reason in ALLOWED}
    ]
    assert not offenders, "writes outside the services:\n" + "\n".join(offenders)


def test_every_allowed_write_still_exists():
    """An entry whose call has gone is removed, so that the list never lets a new write through unseen."""
    present = {(name, call) for path in side_doors() for name, _line, call in direct_writes(path)}
    stale = [(file, call) for file, call, _reason in ALLOWED if (file, call) not in present]
    assert not stale, stale


def test_the_import_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
