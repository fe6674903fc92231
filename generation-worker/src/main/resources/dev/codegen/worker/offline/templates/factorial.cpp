// {{banner}}
#include <cstdint>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>

// Returns n! for 0 <= n <= 20 (the largest that fits in 64 bits).
std::uint64_t {{snake}}(int n) {
    if (n < 0 || n > 20) {
        throw std::out_of_range("n must be between 0 and 20");
    }
    std::uint64_t result = 1;
    for (int i = 2; i <= n; ++i) {
        result *= static_cast<std::uint64_t>(i);
    }
    return result;
}

int main(int argc, char* argv[]) {
    try {
        int n = argc > 1 ? std::stoi(argv[1]) : 10;
        std::uint64_t result = {{snake}}(n);
        std::cout << n << "! = " << result << '\n';
    } catch (const std::exception& e) {
        std::cerr << e.what() << '\n';
        return 1;
    }
    return 0;
}
