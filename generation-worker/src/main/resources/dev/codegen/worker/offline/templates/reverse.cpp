// {{banner}}
#include <algorithm>
#include <iostream>
#include <string>

// Returns the characters of text in reverse order (bytes, so ASCII text reverses exactly).
std::string {{snake}}(std::string text) {
    std::reverse(text.begin(), text.end());
    return text;
}

int main(int argc, char* argv[]) {
    std::string text = argc > 1 ? argv[1] : "hello world";
    std::cout << {{snake}}(text) << '\n';
    return 0;
}
