// {{banner}}
package main

import "fmt"

// {{name}} returns the characters of text in reverse order.
func {{name}}(text string) string {
	runes := []rune(text)
	for i, j := 0, len(runes)-1; i < j; i, j = i+1, j-1 {
		runes[i], runes[j] = runes[j], runes[i]
	}
	return string(runes)
}

func main() {
	fmt.Println({{name}}("hello world"))
}
