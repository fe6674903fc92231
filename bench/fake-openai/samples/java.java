import java.util.ArrayList;
import java.util.List;

/** A fixed-capacity ring buffer of integers with a running sum. */
public class RingBuffer {
  private final int[] values;
  private int start;
  private int size;
  private long sum;

  public RingBuffer(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.values = new int[capacity];
  }

  /** Adds a value, dropping the oldest one when the buffer is full. */
  public void add(int value) {
    if (size == values.length) {
      sum -= values[start];
      values[start] = value;
      start = (start + 1) % values.length;
    } else {
      values[(start + size) % values.length] = value;
      size++;
    }
    sum += value;
  }

  public int size() {
    return size;
  }

  /** The mean of the values held, or zero when empty. */
  public double mean() {
    return size == 0 ? 0.0 : (double) sum / size;
  }

  /** The values from oldest to newest. */
  public List<Integer> toList() {
    List<Integer> result = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      result.add(values[(start + i) % values.length]);
    }
    return result;
  }

  public static void main(String[] args) {
    RingBuffer buffer = new RingBuffer(3);
    for (int i = 1; i <= 5; i++) {
      buffer.add(i);
    }
    System.out.println(buffer.toList() + " mean " + buffer.mean());
  }
}
