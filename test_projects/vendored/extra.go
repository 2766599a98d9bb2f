//go:build gobind_extra

package app

func init() {
	suffix += " +tag"
}
