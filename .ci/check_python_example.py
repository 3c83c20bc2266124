"""Checks the hand-written Python of a Markdown page (docs/languages.md) against the Python bindings jsii-pacmak generated.

The Python runtime (jsii, aws-cdk-lib) comes from PyPI, out of reach here, so the example cannot run. What can be
checked without it: every ```python block parses, and every name it takes from this library exists in the generated
module: the imported classes, the keyword arguments of their constructors and the members it uses
(`CampaignKpi.EMAIL_OPEN_RATE`, `.grant_to(...)`).

Usage: python3 .ci/check_python_example.py docs/languages.md path/to/cdk_pinpoint_analytics_grants/__init__.py
"""
import ast
import re
import sys

MODULE = "cdk_pinpoint_analytics_grants"


def bindings(path):
    """{class name: (constructor keyword arguments, members)} of the generated module, members of base classes of the
    same module included (`grant_to` is defined once, on the constructs' base class)."""
    classes, bases = {}, {}
    for node in ast.parse(open(path, encoding="utf-8").read()).body:
        if not isinstance(node, ast.ClassDef):
            continue
        kwargs, members = set(), set()
        for item in node.body:
            if isinstance(item, ast.FunctionDef):
                members.add(item.name)
                if item.name == "__init__":
                    kwargs = {a.arg for a in item.args.args + item.args.kwonlyargs} - {"self"}
            elif isinstance(item, ast.Assign):
                members.update(t.id for t in item.targets if isinstance(t, ast.Name))
        classes[node.name] = (kwargs, members)
        bases[node.name] = [b.id for b in node.bases if isinstance(b, ast.Name)]

    def inherited(name, seen=()):
        members = set(classes[name][1])
        for base in bases[name]:
            if base in classes and base not in seen:
                members |= inherited(base, seen + (name,))
        return members

    return {name: (kwargs, inherited(name)) for name, (kwargs, _) in classes.items()}


def check(source, classes, where):
    """Problems with one Python block."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        return [f"{where}: does not parse: {error}"]
    problems = []
    ours = {}  # local name -> class name, for names imported from this library
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == MODULE:
            for alias in node.names:
                if alias.name not in classes:
                    problems.append(f"{where}: {MODULE} has no {alias.name}")
                ours[alias.asname or alias.name] = alias.name
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ours:
            kwargs, _ = classes.get(ours[node.func.id], (set(), set()))
            for keyword in node.keywords:
                if keyword.arg not in kwargs:
                    problems.append(f"{where}: {ours[node.func.id]}(...) takes no keyword argument {keyword.arg}")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in ours:
            _, members = classes.get(ours[node.value.id], (set(), set()))
            if node.attr not in members:
                problems.append(f"{where}: {ours[node.value.id]} has no member {node.attr}")
        # A method called on what a constructor of ours returned: `Grant(...).grant_to(role)`.
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Name) and node.value.func.id in ours):
            _, members = classes.get(ours[node.value.func.id], (set(), set()))
            if node.attr not in members:
                problems.append(f"{where}: {ours[node.value.func.id]} has no method {node.attr}")
    if not ours:
        problems.append(f"{where}: imports nothing from {MODULE}")
    return problems


def main(readme_path, module_path):
    classes = bindings(module_path)
    readme = open(readme_path, encoding="utf-8").read()
    blocks = [(m.group(1), readme[: m.start()].count("\n") + 2)
              for m in re.finditer(r"^```python\n(.*?)^```$", readme, re.S | re.M)]
    if not blocks:
        sys.exit(f"{readme_path} has no ```python block")
    problems = [p for source, line in blocks for p in check(source, classes, f"{readme_path} line {line}")]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"{len(blocks)} Python block(s) of {readme_path} match the generated bindings")


if __name__ == "__main__":
    main(*sys.argv[1:])
