{#- One row per customer, for BI: no names, street addresses, birth dates or plain contact
    data. The email is masked (j***@example.com) and, like the phone, also given as a
    SHA-256 hash so analysts can count and join without seeing it. -#}

with

customers as (

    select * from {{ ref('customers') }}

),

final as (

    select
        customers.customer_id,
        cast({{ mask_email('customers.email') }} as {{ dbt.type_string() }}) as email_masked,
        cast(
            case when customers.email is not null then {{ sha256_hex('customers.email') }} end
            as {{ dbt.type_string() }}
        ) as email_sha256,
        cast(
            case when customers.phone is not null then {{ sha256_hex('customers.phone') }} end
            as {{ dbt.type_string() }}
        ) as phone_sha256,
        customers.city,
        customers.country_code,
        customers.email_count,
        customers.phone_count,
        customers.record_count,
        customers.source_count,
        customers.source_names,
        customers.match_tier,
        customers.first_seen_at,
        customers.last_seen_at
    from customers

)

select * from final
