package main

import (
	"fmt"
	"runtime/debug"
)

// version says which build this is: the module version, and the commit and its
// time when the binary was built from a checkout.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "ssgsearch (no build information)"
	}
	v := "ssgsearch " + bi.Main.Version
	var rev, at, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = " (modified)"
			}
		}
	}
	if rev != "" {
		v += fmt.Sprintf(", commit %.12s%s, %s", rev, dirty, at)
	}
	return v + ", " + bi.GoVersion
}
