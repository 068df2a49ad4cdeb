{#- VIP customers for a Meta (Facebook) custom audience: identifiers normalized the way Meta
    documents before hashing (email trimmed and lower-case, phone as digits with country code
    and no '+', names lower-case, country as lower-case ISO code). The sync tool SHA-256
    hashes them. Advertising consent is required; holdout and suppressed customers are
    left out (activation_audience), and so is anyone without an email or phone to match
    on. -#}

with

audience as (

    {{ activation_audience('vip', ['advertising']) }}

),

customers as (

    select * from {{ ref('customers') }}

),

normalized as (

    select
        audience.customer_id,
        lower(trim(customers.email)) as email_normalized,
        replace(customers.phone, '+', '') as phone_normalized,
        lower(trim(customers.first_name)) as first_name_normalized,
        lower(trim(customers.last_name)) as last_name_normalized,
        lower(customers.country_code) as country_code_normalized,
        audience.is_advertising_consented
    from audience
    inner join customers
        on audience.customer_id = customers.customer_id
    where customers.email is not null or customers.phone is not null

),

final as (

    select
        normalized.customer_id,
        normalized.email_normalized,
        normalized.phone_normalized,
        normalized.first_name_normalized,
        normalized.last_name_normalized,
        normalized.country_code_normalized,
        normalized.is_advertising_consented,
        {{ export_row_hash([
            'normalized.email_normalized', 'normalized.phone_normalized',
            'normalized.first_name_normalized', 'normalized.last_name_normalized',
            'normalized.country_code_normalized'
        ]) }} as row_hash
    from normalized

)

select * from final
