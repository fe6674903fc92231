# frozen_string_literal: true

# A queue of jobs ordered by priority, then by arrival.
class PriorityQueue
  Entry = Struct.new(:priority, :sequence, :value)

  def initialize
    @entries = []
    @sequence = 0
  end

  def push(value, priority)
    @entries << Entry.new(priority, @sequence, value)
    @sequence += 1
    self
  end

  def pop
    return nil if @entries.empty?

    best = @entries.min_by { |e| [-e.priority, e.sequence] }
    @entries.delete(best)
    best.value
  end

  def size
    @entries.size
  end

  def empty?
    @entries.empty?
  end
end

def drain(queue)
  order = []
  order << queue.pop until queue.empty?
  order
end

queue = PriorityQueue.new
queue.push('backup', 1).push('deploy', 5).push('email', 3).push('alert', 5)
puts "jobs: #{queue.size}"
drain(queue).each_with_index do |job, index|
  puts "#{index + 1}. #{job}"
end
