package main

import (
	"errors"
	"fmt"
)

// Stack is a last-in, first-out stack of strings.
type Stack struct {
	items []string
}

// ErrEmpty is returned when popping an empty stack.
var ErrEmpty = errors.New("stack is empty")

// Push adds an item on top.
func (s *Stack) Push(item string) {
	s.items = append(s.items, item)
}

// Pop removes and returns the top item.
func (s *Stack) Pop() (string, error) {
	if len(s.items) == 0 {
		return "", ErrEmpty
	}
	last := len(s.items) - 1
	item := s.items[last]
	s.items = s.items[:last]
	return item, nil
}

// Len is the number of items.
func (s *Stack) Len() int {
	return len(s.items)
}

// Balanced reports whether the brackets of text are balanced.
func Balanced(text string) bool {
	pairs := map[rune]rune{')': '(', ']': '[', '}': '{'}
	var s Stack
	for _, r := range text {
		switch r {
		case '(', '[', '{':
			s.Push(string(r))
		case ')', ']', '}':
			top, err := s.Pop()
			if err != nil || top != string(pairs[r]) {
				return false
			}
		}
	}
	return s.Len() == 0
}

func main() {
	for _, text := range []string{"(a[b]{c})", "(]", "{{}"} {
		fmt.Printf("%s balanced: %v\n", text, Balanced(text))
	}
}
