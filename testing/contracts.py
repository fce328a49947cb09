"""An import-linter contract the built-in ones don't state: no module imports one that imports it back,
directly or round a chain, across apps as well as within one (`acyclic_siblings` sees only the children of
one package). Tests and migrations are left out: they sit above the code and import what they check."""

import grimp
from importlinter import Contract, ContractCheck, fields, output


def _left_out(module: str) -> bool:
    return any(part in ("tests", "migrations") for part in module.split("."))


class AcyclicModulesContract(Contract):
    type_name = "acyclic_modules"

    packages = fields.ListField(subfield=fields.StringField())

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        for module in [m for m in graph.modules if _left_out(m)]:
            graph.remove_module(module)
        modules = {m for package in self.packages for m in graph.find_descendants(package) | {package}}
        cycles = []
        for importer in sorted(modules):
            for imported in sorted(graph.find_modules_directly_imported_by(importer) & modules):
                back = graph.find_shortest_chain(importer=imported, imported=importer)
                if back:
                    cycles.append((importer, *back))
        return ContractCheck(kept=not cycles, metadata={"cycles": cycles})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for cycle in check.metadata["cycles"]:
            output.print_error(" -> ".join(cycle))
            output.new_line()
