// {{banner}}
// Requested: {{summary}}
#include <cstddef>
#include <iostream>
#include <sstream>
#include <string>

// Offline stand-in: counts the whitespace-separated words of text.
std::size_t {{snake}}(const std::string& text) {
    std::istringstream in(text);
    std::size_t count = 0;
    for (std::string word; in >> word;) {
        ++count;
    }
    return count;
}

int main(int argc, char* argv[]) {
    std::string text = argc > 1 ? "" : "hello offline world";
    for (int i = 1; i < argc; ++i) {
        text += std::string(argv[i]) + ' ';
    }
    std::cout << {{snake}}(text) << '\n';
    return 0;
}
