// Which exported types implement an interface with unexported methods (a sealed interface).
package main

import (
	"go/types"
	"sort"
)

// setImplementers fills in the Implementers of each described interface with unexported methods:
// the described exported named types (other than interfaces) whose pointer implements it.
// described holds the objects of out.Types followed by those of out.ExternalTypes.
func setImplementers(out *output, described []*types.TypeName) {
	decls := make([]*typeDecl, 0, len(described))
	for i := range out.Types {
		decls = append(decls, &out.Types[i])
	}
	for i := range out.ExternalTypes {
		decls = append(decls, &out.ExternalTypes[i])
	}
	for i, tn := range described {
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok || tn.IsAlias() || declTypeParams(tn).Len() > 0 || !iface.IsMethodSet() || !hasUnexported(iface) {
			continue
		}
		for _, cand := range described {
			if implementsSealed(cand, iface) {
				decls[i].Implementers = append(decls[i].Implementers, implementer{Pkg: cand.Pkg().Path(),
					Name: cand.Name(), Value: types.Implements(cand.Type(), iface)})
			}
		}
		sort.Slice(decls[i].Implementers, func(a, b int) bool {
			x, y := decls[i].Implementers[a], decls[i].Implementers[b]
			return x.Pkg < y.Pkg || x.Pkg == y.Pkg && x.Name < y.Name
		})
	}
}

// queueImplementers queues, for an interface with unexported methods, the exported types of the
// packages declaring those methods that implement it: its values can only be of those types (or
// unexported ones), so they belong to what the API reaches.
func (in *inspector) queueImplementers(tn *types.TypeName) {
	iface, ok := tn.Type().Underlying().(*types.Interface)
	if !ok || tn.IsAlias() || declTypeParams(tn).Len() > 0 || !iface.IsMethodSet() {
		return
	}
	for i := 0; i < iface.NumMethods(); i++ {
		m := iface.Method(i)
		if m.Exported() || m.Pkg() == nil || m.Pkg() == in.pkg {
			continue
		}
		scope := m.Pkg().Scope()
		for _, name := range scope.Names() {
			if cand, isType := scope.Lookup(name).(*types.TypeName); isType && implementsSealed(cand, iface) {
				in.record(cand)
			}
		}
	}
}

// implementsSealed reports whether tn is an exported, non-generic defined type (not an interface)
// whose pointer implements iface.
func implementsSealed(tn *types.TypeName, iface *types.Interface) bool {
	if _, isIface := tn.Type().Underlying().(*types.Interface); isIface || !tn.Exported() || tn.IsAlias() {
		return false
	}
	return declTypeParams(tn).Len() == 0 && types.Implements(types.NewPointer(tn.Type()), iface)
}

// hasUnexported reports whether an interface has unexported methods.
func hasUnexported(t *types.Interface) bool {
	for i := 0; i < t.NumMethods(); i++ {
		if !t.Method(i).Exported() {
			return true
		}
	}
	return false
}
