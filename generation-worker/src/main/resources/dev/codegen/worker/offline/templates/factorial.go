// {{banner}}
package main

import (
	"fmt"
	"math/big"
)

// {{name}} returns n! for a non-negative n.
func {{name}}(n int64) *big.Int {
	if n < 0 {
		panic("n must not be negative")
	}
	return new(big.Int).MulRange(1, n)
}

func main() {
	fmt.Printf("10! = %s\n", {{name}}(10))
}
