#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

// A least-recently-used cache of string values, with a fixed capacity.
class LruCache {
public:
  explicit LruCache(std::size_t capacity) : capacity_(capacity) {}

  std::optional<std::string> get(const std::string &key) {
    auto it = values_.find(key);
    if (it == values_.end()) {
      return std::nullopt;
    }
    touch(key);
    return it->second;
  }

  void put(const std::string &key, const std::string &value) {
    if (values_.count(key) == 0 && values_.size() == capacity_) {
      values_.erase(order_.front());
      order_.erase(order_.begin());
    }
    values_[key] = value;
    touch(key);
  }

  std::size_t size() const { return values_.size(); }

private:
  void touch(const std::string &key) {
    for (auto it = order_.begin(); it != order_.end(); ++it) {
      if (*it == key) {
        order_.erase(it);
        break;
      }
    }
    order_.push_back(key);
  }

  std::size_t capacity_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> order_;
};

int main() {
  LruCache cache(2);
  cache.put("a", "apple");
  cache.put("b", "banana");
  cache.get("a");
  cache.put("c", "cherry");
  for (const std::string key : {"a", "b", "c"}) {
    auto value = cache.get(key);
    std::cout << key << ": " << value.value_or("(evicted)") << '\n';
  }
  std::cout << "size " << cache.size() << '\n';
  return 0;
}
