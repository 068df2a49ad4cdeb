{#- One row per customer: customer_metrics for BI (it holds no personal data). -#}

with

customer_metrics as (

    select * from {{ ref('customer_metrics') }}

),

final as (

    select * from customer_metrics

)

select * from final
