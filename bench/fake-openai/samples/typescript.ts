interface Task {
  id: number;
  title: string;
  priority: number;
  done: boolean;
}

class TaskList {
  private readonly tasks: Task[] = [];
  private nextId = 1;

  add(title: string, priority: number): Task {
    const task: Task = { id: this.nextId++, title, priority, done: false };
    this.tasks.push(task);
    return task;
  }

  complete(id: number): boolean {
    const task = this.tasks.find((t) => t.id === id);
    if (task === undefined || task.done) {
      return false;
    }
    task.done = true;
    return true;
  }

  open(): Task[] {
    return this.tasks
      .filter((t) => !t.done)
      .sort((a, b) => b.priority - a.priority || a.id - b.id);
  }

  summary(): string {
    const doneCount = this.tasks.filter((t) => t.done).length;
    return `${doneCount} of ${this.tasks.length} done`;
  }
}

const list = new TaskList();
list.add("write tests", 2);
const release = list.add("release", 3);
list.add("update docs", 1);
list.complete(release.id);
for (const task of list.open()) {
  console.log(`#${task.id} ${task.title} (priority ${task.priority})`);
}
console.log(list.summary());

export { Task, TaskList };
