// {{banner}}
// Requested: {{summary}}
package main

import (
	"fmt"
	"strings"
)

// {{name}} is an offline stand-in: it counts the words of text.
func {{name}}(text string) int {
	return len(strings.Fields(text))
}

func main() {
	fmt.Println({{name}}("hello offline world"))
}
