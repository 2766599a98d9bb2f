// Running the go command: `go env`, `go list` and the files a build reads.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// `go list` and `go env` data.

type listPackage struct {
	Dir          string
	ImportPath   string
	Name         string
	Export       string
	BuildID      string
	Standard     bool
	DepOnly      bool
	Module       *listModule
	GoFiles      []string
	CgoFiles     []string
	CFiles       []string
	CXXFiles     []string
	MFiles       []string
	HFiles       []string
	FFiles       []string
	SFiles       []string
	SwigFiles    []string
	SwigCXXFiles []string
	SysoFiles    []string
	EmbedFiles   []string
	ImportMap    map[string]string
	Error        *listError
	DepsErrors   []*listError
}

type listModule struct {
	Path      string
	Dir       string
	GoMod     string
	GoVersion string
	Main      bool
	Replace   *listModule
}

type listError struct {
	ImportStack []string
	Pos         string
	Err         string
}

type goEnv struct {
	GOVERSION string
	GOROOT    string
	GOARCH    string
	GOMOD     string
	GOWORK    string
}

type options struct {
	dir, tags, out, pattern string
	instantiate             []string // -instantiate Name=T1,T2 (one instantiation each)
}

// Running the go command.

// runGo runs `go args...` in dir; ok is false if go exited with an error, err is set if it could not run at all.
func runGo(dir string, args ...string) (stdout, stderr []byte, ok bool, err error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var o, e bytes.Buffer
	cmd.Stdout = &o
	cmd.Stderr = &e
	runErr := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case errors.Is(runErr, exec.ErrNotFound):
		return nil, nil, false, errors.New("the go command was not found on PATH; install Go 1.21 or newer (https://go.dev/dl/)")
	case runErr != nil && !errors.As(runErr, &exitErr):
		return nil, nil, false, fmt.Errorf("cannot run the go command: %v", runErr)
	}
	return o.Bytes(), e.Bytes(), runErr == nil, nil
}

// loadGoEnv asks the go command for the toolchain version and paths.
func loadGoEnv(dir string) (goEnv, error) {
	var env goEnv
	out, stderr, ok, err := runGo(dir, "env", "-json", "GOVERSION", "GOROOT", "GOARCH", "GOMOD", "GOWORK")
	if err != nil {
		return env, err
	}
	if !ok {
		return env, fmt.Errorf("go env failed: %s", oneLine(string(stderr)))
	}
	if err := json.Unmarshal(out, &env); err != nil {
		return env, fmt.Errorf("cannot parse go env output: %v", err)
	}
	return env, nil
}

// loadPackages runs `go list -deps -export` and returns all packages plus the single target package.
func loadPackages(opts options) ([]*listPackage, *listPackage, error) {
	// -trimpath and -buildmode=c-archive as in the build step (c-archive compiles every package
	// with -shared), so the export data of the package and its dependencies is the same
	// build-cache entry that `go build` then reuses instead of compiling the package again.
	args := []string{"list", "-e", "-json", "-deps", "-export", "-trimpath", "-buildmode=c-archive"}
	if opts.tags != "" {
		args = append(args, "-tags", opts.tags)
	}
	args = append(args, "--", opts.pattern)
	out, stderr, ok, err := runGo(opts.dir, args...)
	if err != nil {
		return nil, nil, err
	}
	fail := func(msg string) error {
		return fmt.Errorf("cannot load package %q: %s", opts.pattern, msg)
	}
	var pkgs []*listPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(listPackage)
		if err := dec.Decode(p); err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, fail("cannot parse go list output: " + err.Error())
		}
		pkgs = append(pkgs, p)
	}
	var targets []*listPackage
	for _, p := range pkgs {
		if !p.DepOnly {
			targets = append(targets, p)
		}
	}
	switch {
	case len(targets) == 0 && !ok:
		return nil, nil, fail(oneLine(string(stderr)))
	case len(targets) == 0:
		return nil, nil, fail("no package matches this pattern")
	case len(targets) > 1:
		var names []string
		for _, t := range targets {
			names = append(names, t.ImportPath)
		}
		sort.Strings(names)
		return nil, nil, fail(fmt.Sprintf("pattern matches %d packages (%s); name exactly one", len(targets), strings.Join(names, ", ")))
	}
	target := targets[0]
	if msg := loadErrorText(target, pkgs); msg != "" {
		return nil, nil, fmt.Errorf("cannot load package %q: %s", target.ImportPath, msg)
	}
	if !ok {
		return nil, nil, fmt.Errorf("cannot load package %q: %s", target.ImportPath, oneLine(string(stderr)))
	}
	if target.Name == "main" {
		return nil, nil, fmt.Errorf("cannot bind package %q: it is a main package (a command), not a library", target.ImportPath)
	}
	return pkgs, target, nil
}

// loadErrorText returns the first error go list reported for the target or its dependencies, as one line.
func loadErrorText(target *listPackage, pkgs []*listPackage) string {
	if target.Error != nil {
		return errorText(target.Error)
	}
	for _, p := range pkgs {
		if p != target && p.Error != nil {
			return fmt.Sprintf("dependency %q: %s", p.ImportPath, errorText(p.Error))
		}
	}
	for _, e := range target.DepsErrors {
		return errorText(e)
	}
	return ""
}

// errorText renders a go list error as one line, with its position when go reported one separately.
func errorText(e *listError) string {
	msg := oneLine(e.Err)
	if e.Pos != "" && !strings.HasPrefix(msg, e.Pos) {
		msg = e.Pos + ": " + msg
	}
	return msg
}

// oneLine squeezes a multi-line go command message into one line, dropping "# pkg" headers.
func oneLine(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "# ") {
			continue
		}
		if b.Len() > 0 {
			if strings.HasSuffix(b.String(), ":") {
				b.WriteString(" ")
			} else {
				b.WriteString("; ")
			}
		}
		b.WriteString(line)
	}
	if b.Len() == 0 {
		return "unknown error from the go command"
	}
	return b.String()
}

// buildFiles lists, sorted, every non-GOROOT file the build reads, plus go.mod/go.sum/go.work files.
func buildFiles(pkgs []*listPackage, env goEnv) []string {
	set := map[string]bool{}
	for _, p := range pkgs {
		if p.Standard {
			continue
		}
		lists := [][]string{p.GoFiles, p.CgoFiles, p.CFiles, p.CXXFiles, p.MFiles, p.HFiles, p.FFiles,
			p.SFiles, p.SwigFiles, p.SwigCXXFiles, p.SysoFiles, p.EmbedFiles}
		for _, list := range lists {
			for _, name := range list {
				set[absIn(p.Dir, name)] = true
			}
		}
		if p.Module != nil && p.Module.GoMod != "" {
			set[p.Module.GoMod] = true
		}
	}
	for _, f := range []string{env.GOMOD, env.GOWORK} {
		if f == "" || f == os.DevNull || f == "off" {
			continue
		}
		set[f] = true
		sum := f + ".sum" // go.work -> go.work.sum
		if strings.HasSuffix(f, ".mod") {
			sum = strings.TrimSuffix(f, ".mod") + ".sum" // go.mod -> go.sum
		}
		if _, err := os.Stat(sum); err == nil {
			set[sum] = true
		}
	}
	if env.GOMOD != "" && env.GOMOD != os.DevNull {
		modules := filepath.Join(filepath.Dir(env.GOMOD), "vendor", "modules.txt")
		if _, err := os.Stat(modules); err == nil {
			set[modules] = true
		}
	}
	files := []string{}
	root := filepath.Clean(env.GOROOT) + string(filepath.Separator)
	for f := range set {
		if env.GOROOT != "" && strings.HasPrefix(f, root) {
			continue
		}
		files = append(files, f)
	}
	sort.Strings(files)
	return files
}

// contentIDs maps each package with a build ID to the content part of it ("actionID/contentID"):
// a hash of the compiled package, which an edit that changes no code (a comment) leaves alone.
func contentIDs(pkgs []*listPackage) map[string]string {
	ids := map[string]string{}
	for _, p := range pkgs {
		if i := strings.LastIndexByte(p.BuildID, '/'); i >= 0 {
			ids[p.ImportPath] = p.BuildID[i+1:]
		}
	}
	return ids
}

// absIn joins name to dir unless it is already absolute.
func absIn(dir, name string) string {
	if filepath.IsAbs(name) {
		return filepath.Clean(name)
	}
	return filepath.Join(dir, name)
}
