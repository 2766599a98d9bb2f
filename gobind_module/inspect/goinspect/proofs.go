// Proofs over function bodies: straight-line (keep the GIL), panic-free, no escape, Goexit.
package main

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
)

// quickBuiltins are the builtins a straight-line body may call: constant time, no blocking.
var quickBuiltins = map[string]bool{
	"len": true, "cap": true, "min": true, "max": true, "real": true, "imag": true,
	"complex": true, "new": true, "panic": true,
}

// straightLine reports whether a function body runs in short, bounded time and cannot block,
// so a caller may keep Python's GIL during it: no loops (for, range, goto), no calls other than
// conversions to numbers or bool and the builtins in quickBuiltins, no function literals, no
// channel operations, select, go or defer statements.  Work it can still do: arithmetic,
// field, element and map access, small allocations.
func straightLine(body *ast.BlockStmt, info *types.Info) bool {
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.GoStmt, *ast.DeferStmt, *ast.SelectStmt,
			*ast.SendStmt, *ast.FuncLit:
			ok = false
		case *ast.BranchStmt:
			ok = ok && n.Tok != token.GOTO
		case *ast.UnaryExpr:
			ok = ok && n.Op != token.ARROW
		case *ast.CallExpr:
			ok = ok && quickCall(n, info)
		}
		return ok
	})
	return ok
}

// quickCall reports whether call is a conversion to a number or bool, or a call of a quick builtin.
func quickCall(call *ast.CallExpr, info *types.Info) bool {
	fun := call.Fun
	for p, isParen := fun.(*ast.ParenExpr); isParen; p, isParen = fun.(*ast.ParenExpr) {
		fun = p.X // ast.Unparen needs Go 1.22
	}
	if tv, ok := info.Types[fun]; ok && tv.IsType() {
		b, isBasic := tv.Type.Underlying().(*types.Basic)
		return isBasic && b.Info()&(types.IsNumeric|types.IsBoolean) != 0
	}
	id, isIdent := fun.(*ast.Ident)
	if !isIdent {
		return false
	}
	b, isBuiltin := info.Uses[id].(*types.Builtin)
	return isBuiltin && quickBuiltins[b.Name()]
}

// panicFree reports whether a straight-line body cannot panic: besides what straightLine
// forbids, no panic call, no indexing or slicing, no pointer dereference (explicit, or through a
// field selector or method value), no type assertion, no integer division or remainder by a
// value that is not a non-zero constant, and no shift by a count that is not a constant.
// Conversions to numbers and bool, arithmetic (which wraps), comparisons, composite literals and
// the other quick builtins cannot panic.
func panicFree(body *ast.BlockStmt, info *types.Info) bool {
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IndexExpr, *ast.IndexListExpr, *ast.SliceExpr, *ast.StarExpr, *ast.TypeAssertExpr:
			ok = false
		case *ast.CallExpr:
			ok = ok && !isBuiltinCall(n, info, "panic")
		case *ast.SelectorExpr:
			if sel, found := info.Selections[n]; found && sel.Indirect() {
				ok = false
			}
		case *ast.BinaryExpr:
			ok = ok && !mayPanicOp(n.Op, n.Y, info)
		case *ast.AssignStmt:
			if op, isOp := assignOps[n.Tok]; isOp && len(n.Rhs) == 1 {
				ok = ok && !mayPanicOp(op, n.Rhs[0], info)
			}
		}
		return ok
	})
	return ok
}

// noEscape returns the string and slice parameters of a straight-line body that Go keeps no
// reference to after the call: each use of one is an operand of len or cap, of a comparison, or
// a whole result of the same type, string or []byte (gobind copies those results out before
// the call returns).  Any other use (assignment, composite literal, conversion, indexing, an
// argument, a method value) may keep it, and the parameter is copied.
func noEscape(body *ast.BlockStmt, sig *types.Signature, info *types.Info) []string {
	safe := map[*ast.Ident]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if isBuiltinCall(n, info, "len") || isBuiltinCall(n, info, "cap") {
				markIdents(safe, n.Args...)
			}
		case *ast.BinaryExpr:
			if isComparison(n.Op) {
				markIdents(safe, n.X, n.Y)
			}
		case *ast.ReturnStmt:
			for i, r := range n.Results {
				if len(n.Results) == sig.Results().Len() && copiedResult(sig.Results().At(i).Type(), info.TypeOf(r)) {
					markIdents(safe, r)
				}
			}
		}
		return true
	})
	var out []string
	for i := 0; i < sig.Params().Len(); i++ {
		v := sig.Params().At(i)
		if !isView(v.Type()) || v.Name() == "" || v.Name() == "_" {
			continue
		}
		kept := false
		for id, obj := range info.Uses {
			if obj == v && !safe[id] && id.Pos() >= body.Pos() && id.End() <= body.End() {
				kept = true
				break
			}
		}
		if !kept {
			out = append(out, v.Name())
		}
	}
	return out
}

// markIdents records the expressions that are bare identifiers (in parentheses or not).
func markIdents(safe map[*ast.Ident]bool, xs ...ast.Expr) {
	for _, x := range xs {
		for p, isParen := x.(*ast.ParenExpr); isParen; p, isParen = x.(*ast.ParenExpr) {
			x = p.X
		}
		if id, ok := x.(*ast.Ident); ok {
			safe[id] = true
		}
	}
}

func isComparison(op token.Token) bool {
	switch op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		return true
	}
	return false
}

// isView reports whether t is string or a slice: the kinds of parameter gobind can pass as a view.
func isView(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.String
	case *types.Slice:
		return true
	}
	return false
}

// copiedResult reports whether returning a value of type got as a result of type want leaves Go
// holding nothing: both the same string or []byte type, which gobind copies out of Go.
func copiedResult(want, got types.Type) bool {
	if got == nil || !types.Identical(want, got) {
		return false
	}
	switch u := want.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.String
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	}
	return false
}

// assignOps maps the assignment operators that can panic to their binary operator.
var assignOps = map[token.Token]token.Token{
	token.QUO_ASSIGN: token.QUO, token.REM_ASSIGN: token.REM, token.SHL_ASSIGN: token.SHL, token.SHR_ASSIGN: token.SHR,
}

// mayPanicOp reports whether `x op y` can panic: integer division or remainder by a divisor that
// is not a non-zero constant, or a shift by a count that is not a constant (negative counts panic).
func mayPanicOp(op token.Token, y ast.Expr, info *types.Info) bool {
	tv := info.Types[y]
	switch op {
	case token.QUO, token.REM:
		if b, isBasic := tv.Type.Underlying().(*types.Basic); isBasic && b.Info()&types.IsInteger == 0 {
			return false // float and complex division never panics
		}
		return tv.Value == nil || constant.Sign(tv.Value) == 0
	case token.SHL, token.SHR:
		return tv.Value == nil
	}
	return false
}

// isBuiltinCall reports whether call calls the builtin of that name.
func isBuiltinCall(call *ast.CallExpr, info *types.Info, name string) bool {
	id, isIdent := call.Fun.(*ast.Ident)
	if !isIdent {
		return false
	}
	b, isBuiltin := info.Uses[id].(*types.Builtin)
	return isBuiltin && b.Name() == name
}

// goexitFuncs end the calling goroutine with runtime.Goexit.
var goexitFuncs = map[string]bool{
	"runtime.Goexit":            true,
	"(*testing.common).FailNow": true, "(*testing.common).Fatal": true, "(*testing.common).Fatalf": true,
	"(*testing.common).SkipNow": true, "(*testing.common).Skip": true, "(*testing.common).Skipf": true,
	"(testing.TB).FailNow": true, "(testing.TB).Fatal": true, "(testing.TB).Fatalf": true,
	"(testing.TB).SkipNow": true, "(testing.TB).Skip": true, "(testing.TB).Skipf": true,
}

// mayGoexit reports whether calling fn, declared in the package, may end the calling goroutine
// with runtime.Goexit, as far as the package's source shows: its body (function literals
// included) calls or takes the value of one of goexitFuncs, or of a function or method of the
// package that may.  Calls through other interfaces, and through function values stored in
// variables, are not followed; go statements run on other goroutines and do not count.
func (in *inspector) mayGoexit(fn *types.Func) bool {
	fn = fn.Origin()
	if found, done := in.goexits[fn]; done {
		return found
	}
	in.goexits[fn] = false // a recursive call adds nothing
	body := in.bodies[fn.Pos()]
	if body == nil || fn.Pkg() != in.pkg {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			return false
		case *ast.Ident:
			used, isFunc := in.info.Uses[n].(*types.Func)
			found = isFunc && (goexitFuncs[used.FullName()] || in.mayGoexit(used))
		}
		return !found
	})
	in.goexits[fn] = found
	return found
}

// params describes a parameter or result list.
func (in *inspector) params(t *types.Tuple) []param {
	ps := []param{}
	for i := 0; i < t.Len(); i++ {
		v := t.At(i)
		ps = append(ps, param{Name: v.Name(), Type: in.typeOf(v.Type())})
	}
	return ps
}

// typeParamNames lists the names of type parameters.
func typeParamNames(list *types.TypeParamList) []string {
	names := []string{}
	for i := 0; i < list.Len(); i++ {
		names = append(names, list.At(i).Obj().Name())
	}
	return names
}
