# {{banner}}
# Requested: {{summary}}
# frozen_string_literal: true

# Offline stand-in: counts the whitespace-separated words of text.
def {{snake}}(text)
  text.split.size
end

if __FILE__ == $PROGRAM_NAME
  text = ARGV.empty? ? 'hello offline world' : ARGV.join(' ')
  puts {{snake}}(text)
end
