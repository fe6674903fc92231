# {{banner}}
# frozen_string_literal: true

# Returns n! for a non-negative integer n (Ruby integers grow as needed).
def {{snake}}(n)
  raise ArgumentError, 'n must not be negative' if n.negative?

  (1..n).reduce(1, :*)
end

if __FILE__ == $PROGRAM_NAME
  n = Integer(ARGV.fetch(0, '10'))
  puts "#{n}! = #{{{snake}}(n)}"
end
