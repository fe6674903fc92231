data class Account(val id: String, val owner: String, val balance: Long)

class InsufficientFunds(message: String) : Exception(message)

class Bank {
    private val accounts = mutableMapOf<String, Account>()

    fun open(id: String, owner: String, deposit: Long = 0): Account {
        require(deposit >= 0) { "deposit must not be negative" }
        require(id !in accounts) { "account $id exists" }
        val account = Account(id, owner, deposit)
        accounts[id] = account
        return account
    }

    fun balance(id: String): Long = accounts.getValue(id).balance

    fun transfer(from: String, to: String, amount: Long) {
        require(amount > 0) { "amount must be positive" }
        val source = accounts.getValue(from)
        val target = accounts.getValue(to)
        if (source.balance < amount) {
            throw InsufficientFunds("account $from has ${source.balance}, needs $amount")
        }
        accounts[from] = source.copy(balance = source.balance - amount)
        accounts[to] = target.copy(balance = target.balance + amount)
    }

    fun total(): Long = accounts.values.sumOf { it.balance }
}

fun main() {
    val bank = Bank()
    bank.open("a1", "Ada", 100)
    bank.open("b2", "Bob")
    bank.transfer("a1", "b2", 40)
    try {
        bank.transfer("b2", "a1", 500)
    } catch (e: InsufficientFunds) {
        println("refused: ${e.message}")
    }
    println("a1=${bank.balance("a1")} b2=${bank.balance("b2")} total=${bank.total()}")
}
