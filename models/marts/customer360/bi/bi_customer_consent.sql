{#- One row per customer, purpose and channel: customer_consent for BI (no personal data). -#}

with

customer_consent as (

    select * from {{ ref('customer_consent') }}

),

final as (

    select * from customer_consent

)

select * from final
