# {{banner}}
# frozen_string_literal: true

# Returns the characters of text in reverse order.
def {{snake}}(text)
  text.reverse
end

if __FILE__ == $PROGRAM_NAME
  text = ARGV.empty? ? 'hello world' : ARGV.join(' ')
  puts {{snake}}(text)
end
